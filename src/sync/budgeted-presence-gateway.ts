// A PresenceGateway that keeps every presence call inside the tenant's quota: each call waits (on the
// Clock) for the PresenceBudget before it is made, and when both kinds are waiting, writes go first. A call
// is made in the same tick its share of the budget is taken, so what the budget counts is what Graph sees.
import type { TeamsUserId } from '../domain/ids';
import type { TeamsPresence } from '../domain/presence';
import type { Clock } from '../ports/clock.port';
import type { ObservedPresence, PresenceGateway, PresenceWriteResult } from '../ports/presence-gateway.port';
import type { PresenceBudget, PresenceCallKind } from './presence-budget';

const KINDS: readonly PresenceCallKind[] = ['write', 'read'];

export class BudgetedPresenceGateway implements PresenceGateway {
  private readonly waiting: Record<PresenceCallKind, (() => void)[]> = { write: [], read: [] };
  private cancelWake: (() => void) | null = null;

  constructor(
    private readonly inner: PresenceGateway,
    private readonly budget: PresenceBudget,
    private readonly clock: Clock,
  ) {}

  setPresence(
    userId: TeamsUserId,
    presence: TeamsPresence,
    expirationMinutes: number,
  ): Promise<PresenceWriteResult> {
    return this.when('write', () => this.inner.setPresence(userId, presence, expirationMinutes));
  }

  clearPresence(userId: TeamsUserId): Promise<PresenceWriteResult> {
    return this.when('write', () => this.inner.clearPresence(userId));
  }

  getPresences(userIds: readonly TeamsUserId[]): Promise<ObservedPresence[]> {
    // An empty read makes no Graph request, so it costs nothing.
    if (userIds.length === 0) return this.inner.getPresences(userIds);
    return this.when('read', () => this.inner.getPresences(userIds));
  }

  /** Calls waiting for the budget, by kind (diagnostics). */
  queued(): Record<PresenceCallKind, number> {
    return { write: this.waiting.write.length, read: this.waiting.read.length };
  }

  private when<T>(kind: PresenceCallKind, call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting[kind].push(() => {
        try {
          call().then(resolve, reject);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      this.pump();
    });
  }

  /** Starts every waiting call the budget allows, writes first, and sleeps until the next could start. */
  private pump(): void {
    this.cancelWake?.();
    this.cancelWake = null;
    let wait = 0;
    for (const kind of KINDS) {
      const queue = this.waiting[kind];
      while (queue.length > 0 && wait === 0) {
        wait = this.budget.tryTake(kind);
        if (wait === 0) queue.shift()?.();
      }
      // Waiting writes hold back reads: a read must not take a slot a write is waiting for.
      if (queue.length > 0) break;
    }
    if (wait > 0) {
      this.cancelWake = this.clock.setTimer(wait, () => {
        this.cancelWake = null;
        this.pump();
      });
    }
  }
}
