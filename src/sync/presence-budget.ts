// The tenant's Graph presence quota (GRAPH_PRESENCE_QUOTA requests per 30 s per app, shared by setPresence,
// clearPresence and getPresencesByUserId) as a sliding window on our Clock. Reads may only fill the window up
// to a line that leaves a reserve for writes, so polling can never starve the presence we set for agents.
import type { Clock } from '../ports/clock.port';

export type PresenceCallKind = 'write' | 'read';

export const PRESENCE_QUOTA_WINDOW_MS = 30_000;
export const DEFAULT_WRITE_RESERVE_PCT = 20;

export interface PresenceBudgetOptions {
  /** Requests allowed per window (GRAPH_PRESENCE_QUOTA). */
  readonly quota: number;
  /** Default 30 s, Graph's window. */
  readonly windowMs?: number;
  /** Share of the quota, in percent (0 ≤ pct < 100), that reads may not use. Default 20. */
  readonly writeReservePct?: number;
}

/** Requests per window that reads may use: the quota less the writes' reserve. */
export function readShare(quota: number, writeReservePct: number): number {
  return quota - Math.floor((quota * writeReservePct) / 100);
}

export class PresenceBudget {
  readonly quota: number;
  readonly windowMs: number;
  readonly readLimit: number;
  /** When each request in the window was taken, oldest first. */
  private readonly taken: number[] = [];

  constructor(
    private readonly clock: Clock,
    options: PresenceBudgetOptions,
  ) {
    const pct = options.writeReservePct ?? DEFAULT_WRITE_RESERVE_PCT;
    if (!Number.isInteger(options.quota) || options.quota < 1) {
      throw new RangeError(`quota must be a positive integer, got ${options.quota}`);
    }
    if (!(pct >= 0 && pct < 100)) throw new RangeError(`writeReservePct must be 0..<100, got ${pct}`);
    this.quota = options.quota;
    this.windowMs = options.windowMs ?? PRESENCE_QUOTA_WINDOW_MS;
    this.readLimit = readShare(this.quota, pct);
  }

  /** Takes one request of the budget: 0 when granted (and counted), else the ms until it could be. */
  tryTake(kind: PresenceCallKind): number {
    const now = this.clock.now();
    this.forget(now);
    const limit = this.limit(kind);
    if (this.taken.length < limit) {
      this.taken.push(now);
      return 0;
    }
    // The request fits once the oldest (used - limit + 1) requests have left the window.
    const freesAt = (this.taken[this.taken.length - limit] ?? now) + this.windowMs;
    return Math.max(1, freesAt - now);
  }

  /** Requests of this kind that would be granted now. */
  available(kind: PresenceCallKind): number {
    this.forget(this.clock.now());
    return Math.max(0, this.limit(kind) - this.taken.length);
  }

  private limit(kind: PresenceCallKind): number {
    return kind === 'write' ? this.quota : this.readLimit;
  }

  private forget(now: number): void {
    const horizon = now - this.windowMs;
    let expired = 0;
    while (expired < this.taken.length && (this.taken[expired] ?? now) <= horizon) expired += 1;
    if (expired > 0) this.taken.splice(0, expired);
  }
}
