// The presence calls waiting for the budget, in priority order: a visible change, then a session refresh,
// then a read. A waiting call holds back every lower lane, so nothing less urgent takes the slot it waits
// for. Within a lane the highest `order` goes first (for changes: the newest), equal ones first come.
// Once the budget has refused a call (demand is over the quota), grants are paced to the quota's rate
// (one per window/quota ms) until nothing waits: otherwise the slots a burst took all free together one
// window later and are all spent again at once, so every change waits for the next burst; paced, the
// newest change takes the next slot within ms. Within the quota nothing waits and nothing is paced.
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

export interface LaneOptions {
  /** Pace grants to the quota's rate while calls wait (default true). */
  readonly paced?: boolean;
}

export class PresenceLanes {
  private readonly waiting: Record<Lane, Waiter[]> = { write: [], refresh: [], read: [] };
  private cancelWake: (() => void) | null = null;
  private readonly paced: boolean;
  /** The budget refused a call and something has waited since. */
  private backlog = false;
  private lastGrant = -Infinity;

  constructor(
    private readonly budget: PresenceBudget,
    private readonly clock: Clock,
    options: LaneOptions = {},
  ) {
    this.paced = options.paced ?? true;
  }

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

  /** A granted call was not sent (superseded): its paced turn goes to the next one at once. */
  unsent(): void {
    this.lastGrant = -Infinity;
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
        wait = this.paceWait() || this.budget.tryTake(BUDGET_KIND[lane]);
        if (wait > 0) this.backlog = true;
        else {
          this.lastGrant = this.clock.now();
          queue.shift()?.start();
        }
      }
      if (queue.length > 0) break;
    }
    if (LANES.every((lane) => this.waiting[lane].length === 0)) this.backlog = false;
    if (wait > 0) {
      this.cancelWake = this.clock.setTimer(wait, () => {
        this.cancelWake = null;
        this.pump();
      });
    }
  }

  /** ms until the next grant is due at the quota's rate while backlogged, else 0. */
  private paceWait(): number {
    if (!this.paced || !this.backlog) return 0;
    const spacing = this.budget.windowMs / this.budget.trustedQuota;
    return Math.max(0, Math.ceil(this.lastGrant + spacing - this.clock.now()));
  }
}
