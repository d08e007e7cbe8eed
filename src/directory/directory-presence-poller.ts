// Budgeted polling of the Teams presence of directory people whom no subscription covers and who are not
// linked agents (the agents' poller and notifications report those): one round every intervalMs walks the
// directory's Teams users in id order, 650 a read (getPresencesByUserId), and hands what it read to `report`,
// which compares with what the store last recorded. It holds one page of ids and the linked users' ids in
// memory, never per-person state, so 100,000 people cost 154 reads a round and no more memory than 650 do.
// Agents go first: while `busy` says the reads' share of the quota is nearly used, the round waits.
import type { TeamsUserId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { DirectoryStore } from '../ports/directory-store.port';
import type { Logger } from '../ports/logger.port';
import type { PresenceGateway } from '../ports/presence-gateway.port';
import type { Store } from '../ports/store.port';
import { MAX_IDS_PER_READ } from '../sync/presence-reader';
import type { ObservedDirectoryPresence } from './directory-presence';

/** How long a round waits before it looks at the budget again while agents' reads come first. */
const BUSY_WAIT_MS = 1000;

export interface DirectoryPollerOptions {
  /** DIRECTORY_POLL_SECONDS × 1000: a round starts this long after the previous one started (or when it ends, if later). */
  readonly intervalMs: number;
  /** Teams user ids a live subscription covers; not polled. */
  readonly covered: () => ReadonlySet<string>;
  /** True while polling directory people would take reads the agents need: the round waits. */
  readonly busy: () => boolean;
  /** Receives each read; if it rejects, the batch is read again next round. */
  readonly report: (observed: ObservedDirectoryPresence[]) => Promise<number>;
}

export interface DirectoryRound {
  readonly polled: number;
  readonly reads: number;
  readonly queued: number;
}

export class DirectoryPresencePoller {
  private cancelNext: (() => void) | null = null;
  private running: Promise<DirectoryRound> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Pick<Store, 'listLinks'>,
    private readonly directory: Pick<DirectoryStore, 'teamsUserIds'>,
    private readonly gateway: Pick<PresenceGateway, 'getPresences'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: DirectoryPollerOptions,
  ) {}

  start(): void {
    this.schedule(0);
  }

  /** One round now (joins one in progress). Never rejects. */
  runOnce(): Promise<DirectoryRound> {
    this.running ??= this.round().finally(() => (this.running = null));
    return this.running;
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.cancelNext?.();
    const running = this.running ?? Promise.resolve();
    await Promise.race([running, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.cancelNext = this.clock.setTimer(ms, () => {
      const startedAt = this.clock.now();
      void this.runOnce().then(() => {
        const elapsed = this.clock.now() - startedAt;
        this.schedule(Math.max(0, this.options.intervalMs - elapsed));
      });
    });
  }

  private async round(): Promise<DirectoryRound> {
    let polled = 0;
    let reads = 0;
    let queued = 0;
    try {
      const linked = new Set((await this.store.listLinks()).map((l) => l.teamsUserId.toLowerCase()));
      const covered = new Set([...this.options.covered()].map((id) => id.toLowerCase()));
      let after: string | null = null;
      while (!this.stopped) {
        const page = await this.directory.teamsUserIds(after, MAX_IDS_PER_READ);
        if (page.length === 0) break;
        after = page[page.length - 1] ?? null;
        const ids = page.filter((id) => !linked.has(id.toLowerCase()) && !covered.has(id.toLowerCase()));
        if (ids.length === 0) continue;
        await this.waitWhileBusy();
        queued += await this.poll(ids);
        polled += ids.length;
        reads += 1;
      }
    } catch (error) {
      this.logger.warn({ err: String(error) }, 'directory presence round failed; the next round retries');
    }
    if (reads > 0) this.logger.debug({ polled, reads, queued }, 'directory presence polled');
    return { polled, reads, queued };
  }

  private async poll(ids: readonly TeamsUserId[]): Promise<number> {
    try {
      const read = await this.gateway.getPresences(ids);
      const observed = read.map((p) => ({
        teamsUserId: p.userId,
        availability: p.availability,
        activity: p.activity,
      }));
      return await this.options.report(observed);
    } catch (error) {
      this.logger.warn(
        { users: ids.length, err: String(error) },
        'directory presence read failed; next round',
      );
      return 0;
    }
  }

  private async waitWhileBusy(): Promise<void> {
    while (!this.stopped && this.options.busy()) {
      await new Promise<void>((resolve) => this.clock.setTimer(BUSY_WAIT_MS, resolve));
    }
  }
}
