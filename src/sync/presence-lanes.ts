// The presence calls waiting for the budget, in priority order: a visible change, then a session refresh,
// then a read. A waiting call holds back every lower lane, so nothing less urgent takes the slot it waits
// for. Within a lane the highest `order` goes first (for changes: the newest), equal ones first come.
import type { Clock } from '../ports/clock.port';
import type { PresenceBudget, PresenceCallKind } from './presence-budget';

/** Queues in priority order; a refresh is a write to the budget, just a less urgent one. */
export type Lane = 'write' | 'refresh' | 'read';
const LANES: readonly Lane[] = ['write', 'refresh', 'read'];
const BUDGET_KIND: Record<Lane, PresenceCallKind> = { write: 'write', refresh: 'write', read: 'read' };

export interface Waiter {
  /** Called once the budget granted the waiter a slot; the waiter must release or cancel it. */
  readonly start: () => void;
  readonly order: number;
}

export class PresenceLanes {
  private readonly waiting: Record<Lane, Waiter[]> = { write: [], refresh: [], read: [] };
  private cancelWake: (() => void) | null = null;

  constructor(
    private readonly budget: PresenceBudget,
    private readonly clock: Clock,
  ) {}

  /** Queues a waiter behind those of its lane that go before it, then starts what the budget allows. */
  add(lane: Lane, waiter: Waiter): void {
    const queue = this.waiting[lane];
    let at = queue.length;
    while (at > 0 && (queue[at - 1]?.order ?? 0) < waiter.order) at -= 1;
    queue.splice(at, 0, waiter);
    this.pump();
  }

  /** Queues a waiter before every other of its lane (a throttled attempt, granted before all of them). */
  addFirst(lane: Lane, waiter: Waiter): void {
    this.waiting[lane].unshift(waiter);
    this.pump();
  }

  /** Calls waiting, by budget kind (diagnostics). */
  queued(): Record<PresenceCallKind, number> {
    const { write, refresh, read } = this.waiting;
    return { write: write.length + refresh.length, read: read.length };
  }

  /** Starts every waiting call the budget allows, in priority order, and sleeps until the next could. */
  pump(): void {
    this.cancelWake?.();
    this.cancelWake = null;
    let wait = 0;
    for (const lane of LANES) {
      const queue = this.waiting[lane];
      while (queue.length > 0 && wait === 0) {
        wait = this.budget.tryTake(BUDGET_KIND[lane]);
        if (wait === 0) queue.shift()?.start();
      }
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
