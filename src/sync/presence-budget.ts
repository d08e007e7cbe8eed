// The tenant's Graph presence quota (GRAPH_PRESENCE_QUOTA requests per 30 s per app, shared by setPresence,
// clearPresence and getPresencesByUserId) as a sliding window on our Clock. Graph counts a request when it
// arrives, which is after we grant it, so a slot is held from the grant until the response is back plus a
// margin, and only then starts its 30 s: our window can never free before Graph's does. Reads may only fill
// the window up to a line that leaves a reserve for writes, so polling can never starve the presence we set.
// A 429 pauses the whole budget for its Retry-After and lowers the quota we trust; it grows back slowly.
// `setQuota` changes the quota at run time (e.g. this instance's share of a tenant-wide quota).
import type { Clock } from '../ports/clock.port';

export type PresenceCallKind = 'write' | 'read';

export const PRESENCE_QUOTA_WINDOW_MS = 30_000;
export const DEFAULT_WRITE_RESERVE_PCT = 20;
export const DEFAULT_RELEASE_MARGIN_MS = 500;
/** After a 429 the trusted quota drops to this share of what it was. */
const THROTTLE_FACTOR = 0.8;
/** Each full window without a 429 gives back this share of the configured quota. */
const RECOVERY_SHARE = 0.1;

export interface PresenceBudgetOptions {
  /** Requests allowed per window (GRAPH_PRESENCE_QUOTA). */
  readonly quota: number;
  /** Default 30 s, Graph's window. */
  readonly windowMs?: number;
  /** Share of the quota, in percent (0 ≤ pct < 100), that reads may not use. Default 20. */
  readonly writeReservePct?: number;
  /** How long after its response a request is still taken to be inside Graph's window. Default 500 ms. */
  readonly releaseMarginMs?: number;
}

/** How a granted request ended: its HTTP status (0 without an answer) and Retry-After (ms) when sent. */
export interface PresenceCallEnd {
  readonly status: number;
  readonly retryAfterMs?: number;
}

/** 429 (the quota) and 503 (Graph busy) ask every caller of the tenant to wait, not just this request. */
export const isThrottle = (status: number): boolean => status === 429 || status === 503;
const DEFAULT_PAUSE_MS = 1000;

/** Requests per window that reads may use: the quota less the writes' reserve. */
export function readShare(quota: number, writeReservePct: number): number {
  return quota - Math.floor((quota * writeReservePct) / 100);
}

function checkQuota(quota: number): void {
  if (!Number.isInteger(quota) || quota < 1) {
    throw new RangeError(`quota must be a positive integer, got ${quota}`);
  }
}

export class PresenceBudget {
  private configured: number;
  readonly windowMs: number;
  private readonly reservePct: number;
  private readonly marginMs: number;
  /** When each finished request in the window started to count, oldest first. */
  private readonly finished: number[] = [];
  private inFlight = 0;
  private pausedUntil = 0;
  private trusted: number;
  private lastThrottle = -Infinity;
  private lastRecovery = 0;

  constructor(
    private readonly clock: Clock,
    options: PresenceBudgetOptions,
  ) {
    const pct = options.writeReservePct ?? DEFAULT_WRITE_RESERVE_PCT;
    checkQuota(options.quota);
    if (!(pct >= 0 && pct < 100)) throw new RangeError(`writeReservePct must be 0..<100, got ${pct}`);
    this.configured = options.quota;
    this.trusted = options.quota;
    this.reservePct = pct;
    this.windowMs = options.windowMs ?? PRESENCE_QUOTA_WINDOW_MS;
    this.marginMs = options.releaseMarginMs ?? DEFAULT_RELEASE_MARGIN_MS;
  }

  /** Requests allowed per window as configured (GRAPH_PRESENCE_QUOTA, or the last `setQuota`). */
  get quota(): number {
    return this.configured;
  }

  /**
   * Changes the quota from now on (a positive integer), e.g. to this instance's share of the tenant's. A lower
   * quota applies at once (requests already counted stay counted); a higher one is trusted only as far as
   * it was before, then grows back like after a 429, so a share handed over is not spent in one burst.
   */
  setQuota(quota: number): void {
    checkQuota(quota);
    this.configured = quota;
    this.trusted = Math.min(this.trusted, quota);
  }

  /** Requests per window reads may use now (the trusted quota less the writes' reserve). */
  get readLimit(): number {
    return readShare(this.trusted, this.reservePct);
  }

  /** The quota currently trusted: the configured one, or less after Graph answered 429. */
  get trustedQuota(): number {
    return this.trusted;
  }

  /** Requests counted in the window and the quota trusted now (what /metrics and admin health show). */
  usage(): { readonly used: number; readonly limit: number } {
    return { used: this.trusted - this.available('write'), limit: this.trusted };
  }

  /**
   * Takes one request of the budget: 0 when granted (the caller must call `release` once the response is
   * in), else the ms until it could be (a lower bound while requests are in flight: `release` may free one).
   */
  tryTake(kind: PresenceCallKind): number {
    const now = this.clock.now();
    if (now < this.pausedUntil) return this.pausedUntil - now;
    this.forget(now);
    this.recover(now);
    const limit = this.limit(kind);
    const used = this.inFlight + this.finished.length;
    if (used < limit) {
      this.inFlight += 1;
      return 0;
    }
    // Fits once (used - limit + 1) finished requests have left the window; in-flight ones have not started.
    const oldest = this.finished[used - limit];
    return oldest === undefined ? this.windowMs : Math.max(1, oldest + this.windowMs - now);
  }

  /** The response to a granted request is in: its slot now counts for one window (plus the margin). */
  release(end: PresenceCallEnd): void {
    const now = this.clock.now();
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.finished.push(now + this.marginMs);
    if (!isThrottle(end.status)) return;
    this.pausedUntil = Math.max(this.pausedUntil, now + Math.max(DEFAULT_PAUSE_MS, end.retryAfterMs ?? 0));
    if (end.status === 429) this.lowerTrust(now);
  }

  /** A granted request was not sent after all (its change was superseded meanwhile): its slot is free again. */
  cancel(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Requests of this kind that would be granted now. */
  available(kind: PresenceCallKind): number {
    const now = this.clock.now();
    if (now < this.pausedUntil) return 0;
    this.forget(now);
    return Math.max(0, this.limit(kind) - this.inFlight - this.finished.length);
  }

  /** ms until the budget grants anything again after a 429 (0 when not paused). */
  pausedFor(): number {
    return Math.max(0, this.pausedUntil - this.clock.now());
  }

  private lowerTrust(now: number): void {
    // One burst of 429s lowers the quota once: only the first within a window counts.
    if (now - this.lastThrottle >= this.windowMs) {
      this.trusted = Math.max(1, Math.floor(this.trusted * THROTTLE_FACTOR));
    }
    this.lastThrottle = now;
    this.lastRecovery = now;
  }

  private recover(now: number): void {
    if (this.trusted >= this.configured || now - this.lastRecovery < this.windowMs) return;
    this.trusted = Math.min(
      this.configured,
      this.trusted + Math.max(1, Math.ceil(this.configured * RECOVERY_SHARE)),
    );
    this.lastRecovery = now;
  }

  private limit(kind: PresenceCallKind): number {
    return kind === 'write' ? this.trusted : this.readLimit;
  }

  private forget(now: number): void {
    const horizon = now - this.windowMs;
    let expired = 0;
    while (expired < this.finished.length && (this.finished[expired] ?? now) <= horizon) expired += 1;
    if (expired > 0) this.finished.splice(0, expired);
  }
}
