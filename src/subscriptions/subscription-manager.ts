// Presence change notifications through delegated "sync accounts": spreads the linked users over the accounts
// (≤ 650 each, stable), keeps one presence subscription per account alive (create, renew before expiry,
// replace when its users change, answer reauthorizationRequired), and says which users a live subscription
// covers so that the polling fallback watches the rest. Every state change runs on one serial queue.
import {
  addAccount,
  removeAccount,
  viewOf,
  type AccountInput,
  type AccountView,
  type AddAccountResult,
  type AdminContext,
} from './account-admin';
import { AccountBook } from './account-book';
import { AccountTokens, messageOf } from './account-tokens';
import { AccountWorker } from './account-worker';
import type { SyncAccountRecord } from './sync-account-records';
import { sameSecret } from './client-state';
import type { SubscriptionManagerDeps, SubscriptionSummary } from './manager-deps';
import type { LifecycleNotice } from './presence-change';
import { RetrySchedule } from './retry-schedule';
import { SerialQueue } from './serial-queue';
import { nextWakeAt, resolveTuning, type ManagerTuning } from './wake-schedule';

export type { SubscriptionManagerDeps, SubscriptionSummary } from './manager-deps';

export class SubscriptionManager {
  private readonly tuning: ManagerTuning;
  private readonly book: AccountBook;
  private readonly tokens: AccountTokens;
  private readonly retries: RetrySchedule;
  private readonly worker: AccountWorker;
  private readonly admin: AdminContext;
  private readonly queue = new SerialQueue();
  private pendingPass: Promise<void> | null = null;
  private cancelTimer: (() => void) | null = null;
  private running = false;
  private loaded = false;
  private lastReloadMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: SubscriptionManagerDeps) {
    this.tuning = resolveTuning(deps.tuning);
    const { clock, logger, gateway, box } = deps;
    this.book = new AccountBook(deps.store, box, logger);
    const saveRefreshToken = (name: string, sealed: string) => this.saveToken(name, sealed);
    this.tokens = new AccountTokens({ source: deps.tokens, box, clock, saveRefreshToken });
    this.retries = new RetrySchedule(clock, this.tuning.retryBaseMs, this.tuning.retryMaxMs);
    const settings = {
      notificationUrl: deps.notificationUrl,
      lifecycleNotificationUrl: deps.lifecycleNotificationUrl,
      encryption: deps.encryption ?? null,
      lifetimeMs: this.tuning.lifetimeMinutes * 60_000,
      renewBeforeMs: this.tuning.renewBeforeMinutes * 60_000,
    };
    const base = { book: this.book, tokens: this.tokens, clock, logger, gateway };
    const capacity = this.tuning.capacity;
    this.worker = new AccountWorker({ ...base, box, settings, retries: this.retries, capacity });
    const view = (record: SyncAccountRecord) => viewOf(record, this.worker.isLive(record));
    this.admin = { ...base, view };
  }

  /** Loads the accounts and starts reconciling in the background (Graph may be down at start). */
  async start(): Promise<void> {
    await this.queue.run(() => this.ensureLoaded());
    this.running = true;
    this.kick();
  }

  /** Stops the timer and waits for the work in flight. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = null;
    await this.queue.idle();
    // Another instance may lead meanwhile (bot/roles.ts): a later start reads the accounts afresh.
    this.loaded = false;
  }

  /**
   * Where the manager does not run (a follower instance), reads the stored accounts when a notification
   * names a subscription not known here, so notifications Graph sends to any instance are checked against
   * the leader's clientStates. At most once a second, so unknown ids cannot make every request read the store.
   * Never rejects: a failed read is logged and the unknown items are dropped as before.
   */
  async knowSubscriptions(ids: readonly string[]): Promise<void> {
    if (this.running || ids.every((id) => this.book.clientStateOf(id) !== undefined)) return;
    const now = this.deps.clock.now();
    if (now - this.lastReloadMs < 1000) return;
    this.lastReloadMs = now;
    await this.queue
      .run(async () => {
        await this.book.load();
        this.loaded = true;
      })
      .catch((error: unknown) => {
        this.deps.logger.error({ err: messageOf(error) }, 'could not read the stored subscriptions');
      });
  }

  /** Re-spreads the linked users and brings every subscription in line; calls made meanwhile share one pass. */
  reconcile(): Promise<void> {
    this.pendingPass ??= this.queue.run(async () => {
      this.pendingPass = null;
      try {
        await this.ensureLoaded();
        const links = await this.deps.store.listLinks();
        const linked = new Set(links.map((l) => String(l.teamsUserId)));
        const room = this.worker.accountCount * this.tuning.capacity - linked.size;
        const others = room > 0 && this.deps.otherUsers ? await this.deps.otherUsers(room + linked.size) : [];
        await this.worker.pass(linked, others);
      } finally {
        this.scheduleNext();
      }
    });
    return this.pendingPass;
  }

  /** Resolves when no work is queued or running. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Users whose subscription is live (confirmed by Graph and not expired); polling watches the others. */
  coveredUsers(): ReadonlySet<string> {
    const users = new Set<string>();
    for (const record of this.book.all()) {
      if (this.worker.isLive(record)) record.subscription?.userIds.forEach((u) => users.add(u));
    }
    return users;
  }

  /** True only for a subscription of ours with its exact clientState (constant-time comparison). */
  checkClientState(subscriptionId: string, clientState: string): boolean {
    const expected = this.book.clientStateOf(subscriptionId);
    if (expected !== undefined) return sameSecret(clientState, expected);
    return this.worker.isPendingClientState(clientState);
  }

  /** Queues the handling of a lifecycle notification and returns at once. */
  onLifecycle(notice: LifecycleNotice): void {
    if (!this.running) {
      // Acting here would use this follower's tokens beside the leader's; the leader's renewals catch up.
      this.deps.logger.warn({ ...notice }, 'lifecycle notification on an instance not leading subscriptions');
      return;
    }
    this.queue
      .run(() => this.worker.lifecycle(notice))
      .catch((error: unknown) => {
        this.deps.logger.error(
          { ...notice, err: messageOf(error) },
          'lifecycle notification handling failed',
        );
      });
  }

  /** Registers (or re-keys) an account; a refresh token Entra refuses is not stored. */
  async addAccount(input: AccountInput): Promise<AddAccountResult> {
    const result = await this.queue.run(async () => {
      await this.ensureLoaded();
      return addAccount(this.admin, input);
    });
    if (result.ok && this.running) this.kick();
    return result;
  }

  /** Deletes the account's subscription (best effort), forgets the account and re-spreads its users. */
  async removeAccount(name: string): Promise<boolean> {
    const removed = await this.queue.run(async () => {
      await this.ensureLoaded();
      return removeAccount(this.admin, name);
    });
    if (removed) {
      this.retries.clear(name);
      if (this.running) this.kick();
    }
    return removed;
  }

  /** Never includes tokens or clientStates. */
  listAccounts(): AccountView[] {
    return this.book.all().map((record) => this.admin.view(record));
  }

  summary(): SubscriptionSummary {
    return {
      linkedUsers: this.worker.linkedUsers,
      coveredUsers: this.coveredUsers().size,
      overflowUsers: this.worker.overflowUsers,
    };
  }

  /** Admin calls may come before start(): the accounts are read from the store once, first. */
  private async ensureLoaded(): Promise<void> {
    if (this.loaded) return;
    await this.book.load();
    this.loaded = true;
  }

  private kick(): void {
    this.reconcile().catch((error: unknown) => {
      this.deps.logger.error(
        { err: messageOf(error) },
        'presence subscriptions: reconcile failed; retrying later',
      );
    });
  }

  private async saveToken(name: string, sealed: string): Promise<void> {
    const current = this.book.get(name);
    const updatedAt = new Date(this.deps.clock.now()).toISOString();
    if (current) await this.book.save({ ...current, refreshToken: sealed, updatedAt });
  }

  private scheduleNext(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (!this.running) return;
    const now = this.deps.clock.now();
    const at = nextWakeAt(now, this.book.all(), this.retries, this.tuning);
    this.cancelTimer = this.deps.clock.setTimer(at - now, () => this.kick());
  }
}
