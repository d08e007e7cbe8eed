// Keeps the directory's Teams users fresh from the tenant (never fetched per request): on a schedule, one
// delta round. The first round (or one after Graph forgot our deltaLink) reads every user and then forgets
// the ones it did not see; later rounds read only what changed. The deltaLink is kept in the DirectoryStore,
// so a restart goes on where the last round ended.
import type { DirectoryTeamsUser } from './contact';
import { CodedError } from '../domain/errors';
import type { Clock } from '../ports/clock.port';
import type { DirectoryStore } from '../ports/directory-store.port';
import type { Logger } from '../ports/logger.port';
import type { DirectoryUser, UserDirectory } from '../ports/user-directory.port';

const DELTA_LINK = 'users.deltaLink';

export interface RefreshResult {
  readonly full: boolean;
  /** Graph requests the round made. */
  readonly requests: number;
  readonly changed: number;
  readonly removed: number;
}

const toTeamsUser = (u: DirectoryUser): DirectoryTeamsUser => ({
  teamsUserId: u.id,
  userPrincipalName: u.userPrincipalName,
  displayName: u.displayName,
  ...(u.mail ? { mail: u.mail } : {}),
  ...(u.jobTitle ? { jobTitle: u.jobTitle } : {}),
});

export class UsersRefresh {
  private cancel: (() => void) | null = null;
  private running: Promise<RefreshResult | null> | null = null;
  private stopped = false;
  private readonly changeListeners: Array<() => void> = [];

  constructor(
    private readonly users: UserDirectory,
    private readonly directory: DirectoryStore,
    private readonly clock: Clock,
    private readonly logger: Logger,
    /** Time between rounds (DIRECTORY_REFRESH_SECONDS). */
    private readonly intervalMs: number,
  ) {}

  /** Called after a round that added, changed or removed users (e.g. to re-spread presence subscriptions). */
  onChange(listener: () => void): void {
    this.changeListeners.push(listener);
  }

  /** The first round starts at once, so a fresh install fills its directory without waiting. */
  start(): void {
    this.schedule(0);
  }

  /** One round now (joins one in progress). Never rejects: null when it failed, and the failure is logged. */
  runOnce(): Promise<RefreshResult | null> {
    this.running ??= this.round()
      .catch((error: unknown) => {
        this.logger.warn(
          { err: (error as Error).message },
          'directory: users refresh failed; next round retries',
        );
        return null;
      })
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancel = this.clock.setTimer(ms, () => {
      void this.runOnce().then(() => this.schedule(this.intervalMs));
    });
  }

  private async round(): Promise<RefreshResult> {
    const link = await this.directory.getSyncValue(DELTA_LINK);
    try {
      return await this.pages(link);
    } catch (error) {
      if (!(error instanceof CodedError && error.code === 'user_delta_expired') || link === null) throw error;
      this.logger.info({}, 'directory: Graph forgot our users deltaLink; reading every user again');
      await this.directory.setSyncValue(DELTA_LINK, null);
      return this.pages(null);
    }
  }

  private async pages(start: string | null): Promise<RefreshResult> {
    const full = start === null;
    const round = full ? `r${this.clock.now()}` : undefined;
    let link: string | undefined = start ?? undefined;
    let requests = 0;
    let changed = 0;
    let removed = 0;
    for (;;) {
      const page = await this.users.delta(link);
      requests += 1;
      await this.directory.putTeamsUsers(page.changed.map(toTeamsUser), round);
      if (page.removed.length > 0) await this.directory.removeTeamsUsers(page.removed);
      changed += page.changed.length;
      removed += page.removed.length;
      if (page.next) {
        link = page.next;
        continue;
      }
      if (round) removed += await this.directory.removeTeamsUsersNotIn(round);
      await this.directory.setSyncValue(DELTA_LINK, page.deltaLink ?? null);
      break;
    }
    this.logger.info({ full, requests, changed, removed }, 'directory: users refreshed');
    if (changed + removed > 0) this.changeListeners.forEach((listener) => listener());
    return { full, requests, changed, removed };
  }
}
