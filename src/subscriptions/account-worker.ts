// The work behind the manager's queue: one reconcile pass over every account, lifecycle events, and the
// bookkeeping of each step's outcome (subscription, last error, retry time, whether Graph confirmed it).
import { CodedError } from '../domain/errors';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { AccountBook } from './account-book';
import type { SecretBox } from '../ports/secret-box.port';
import type { SubscriptionGateway } from '../ports/subscription-gateway.port';
import {
  convergeSubscription,
  reauthorizeSubscription,
  type AccountStepDeps,
  type StepResult,
  type SubscriptionSettings,
} from './account-subscription';
import { sameSecret } from './client-state';
import { messageOf, type AccountTokens } from './account-tokens';
import { assignUsers, sameUsers } from './assignment';
import type { LifecycleNotice } from './presence-change';
import type { RetrySchedule } from './retry-schedule';
import type { SyncAccountRecord } from './sync-account-records';

export interface AccountWorkerDeps {
  readonly book: AccountBook;
  readonly tokens: AccountTokens;
  readonly gateway: SubscriptionGateway;
  readonly box: SecretBox;
  readonly settings: SubscriptionSettings;
  readonly retries: RetrySchedule;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly capacity: number;
}

export class AccountWorker {
  /**
   * Subscriptions Graph has confirmed (created or renewed) since start: only these count as coverage. Holds
   * only ids some account still holds, so replaced subscriptions do not pile up (issue 7 item 9).
   */
  private readonly verified = new Set<string>();
  /** clientStates of subscriptions being created, whose id Graph has not told us yet. */
  private readonly pendingStates = new Set<string>();
  private readonly steps: AccountStepDeps;
  private counts = { linked: 0, overflow: 0 };

  constructor(private readonly deps: AccountWorkerDeps) {
    const { gateway, box, clock, settings } = deps;
    const expectClientState = (state: string) => {
      this.pendingStates.add(state);
      return () => void this.pendingStates.delete(state);
    };
    this.steps = { gateway, box, clock, settings, expectClientState };
  }

  /** Confirmed by Graph since start and not expired: its users are covered. */
  isLive(record: SyncAccountRecord): boolean {
    const sub = record.subscription;
    return sub !== null && this.verified.has(sub.id) && Date.parse(sub.expiresAt) > this.deps.clock.now();
  }

  /** A notification can beat our bookkeeping of a subscription Graph has only just created. */
  isPendingClientState(clientState: string): boolean {
    return [...this.pendingStates].some((state) => sameSecret(clientState, state));
  }

  /** Confirmed subscriptions remembered (diagnostics; at most one per account). */
  get verifiedCount(): number {
    return this.verified.size;
  }

  get linkedUsers(): number {
    return this.counts.linked;
  }

  get overflowUsers(): number {
    return this.counts.overflow;
  }

  /** Accounts registered (room for others: accounts × capacity less the linked users). */
  get accountCount(): number {
    return this.deps.book.all().length;
  }

  /** Re-spreads the linked users (then `others` in the room left) over the accounts, then brings each account's subscription in line. */
  async pass(linked: ReadonlySet<string>, others: Iterable<string> = []): Promise<void> {
    const accounts = this.deps.book.all();
    const loads = accounts.map((a) => ({ name: a.name, users: a.assigned }));
    const plan = assignUsers(loads, linked, this.deps.capacity, others);
    this.noteCounts(linked.size, plan.overflow.length, accounts.length);
    for (const { name } of accounts) {
      const users = plan.byAccount.get(name) ?? [];
      const current = this.deps.book.get(name);
      if (current && !sameUsers(users, current.assigned))
        await this.saveQuietly({ ...current, assigned: [...users] });
      await this.converge(name);
    }
  }

  async lifecycle(notice: LifecycleNotice): Promise<void> {
    const record = this.deps.book.bySubscription(notice.subscriptionId);
    const sub = record?.subscription;
    const fields = {
      subscriptionId: notice.subscriptionId,
      event: notice.lifecycleEvent,
      account: record?.name,
    };
    if (!record || !sub)
      return this.deps.logger.warn(fields, 'lifecycle notification for a subscription we do not hold');
    this.deps.logger.info(fields, 'presence subscription lifecycle notification');
    if (notice.lifecycleEvent === 'reauthorizationRequired') {
      await this.settle(record.name, async () => {
        const access = await this.deps.tokens.accessToken(record);
        if (!access.ok) return { subscription: sub, error: { code: access.code, message: access.message } };
        return reauthorizeSubscription(this.steps, access.token, sub);
      });
    } else if (notice.lifecycleEvent === 'subscriptionRemoved') {
      this.verified.delete(sub.id);
      await this.saveQuietly({ ...record, subscription: null });
      await this.converge(record.name);
    }
  }

  private async converge(name: string): Promise<void> {
    const record = this.deps.book.get(name);
    if (!record) return;
    const confirmed = record.subscription !== null && this.verified.has(record.subscription.id);
    const token = () => this.deps.tokens.accessToken(this.deps.book.get(name) ?? record);
    await this.settle(name, () =>
      convergeSubscription(this.steps, token, record.subscription, record.assigned, confirmed),
    );
  }

  /** Runs one step for an account and records the subscription it left, its error and the retry time. */
  private async settle(name: string, step: () => Promise<StepResult>): Promise<void> {
    let result: StepResult;
    try {
      result = await step();
    } catch (error) {
      // No HTTP answer (Graph unreachable, timeout): nothing changed at Graph as far as we know.
      const code = error instanceof CodedError ? error.code : 'unexpected_error';
      const subscription = this.deps.book.get(name)?.subscription ?? null;
      result = { subscription, error: { code, message: messageOf(error) } };
    }
    const current = this.deps.book.get(name);
    if (!current) return;
    if (result.subscription && !result.error) this.verified.add(result.subscription.id);
    const at = new Date(this.deps.clock.now()).toISOString();
    if (result.error) {
      const retryAt = new Date(this.deps.retries.failed(name)).toISOString();
      const fields = { account: name, ...result.error, retryAt };
      this.deps.logger.warn(fields, 'presence subscription step failed; its users are polled meanwhile');
    } else this.deps.retries.clear(name);
    const lastError = result.error ? { at, ...result.error } : null;
    if (result.subscription !== current.subscription || lastError !== current.lastError) {
      await this.saveQuietly({ ...current, subscription: result.subscription, lastError });
    }
    this.forgetReplaced();
  }

  /** The book is updated in memory first, so it already holds any subscription that replaced another. */
  private forgetReplaced(): void {
    const held = new Set(this.deps.book.all().map((r) => r.subscription?.id));
    for (const id of this.verified) if (!held.has(id)) this.verified.delete(id);
  }

  private async saveQuietly(record: SyncAccountRecord): Promise<void> {
    try {
      await this.deps.book.save({ ...record, updatedAt: new Date(this.deps.clock.now()).toISOString() });
    } catch (error) {
      const fields = { account: record.name, err: messageOf(error) };
      this.deps.logger.error(
        fields,
        'could not save a sync account; kept in memory, saved with its next change',
      );
    }
  }

  // With no sync account at all every user is polled by design (local mode before `sync-account`): only
  // accounts that exist and are full are worth a warning (issue 7 item 6).
  private noteCounts(linked: number, overflow: number, accounts: number): void {
    if (accounts > 0 && overflow > 0 && overflow !== this.counts.overflow) {
      const fields = { overflow, capacity: this.deps.capacity };
      this.deps.logger.warn(
        fields,
        'more linked users than the sync accounts can watch; the rest are polled',
      );
    }
    this.counts = { linked, overflow };
  }
}
