// The tenant's presence quota (Graph documents 1,500 requests per 30 s per app per tenant), as a sliding
// window on the injected Clock. Refused requests are not counted, so Retry-After is exactly when a slot frees.
import type { Clock } from '../../ports/clock.port';

export interface QuotaSettings {
  readonly requests: number;
  readonly windowSeconds: number;
}

export const DEFAULT_QUOTA: QuotaSettings = { requests: 1500, windowSeconds: 30 };

export type QuotaDecision =
  { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export class PresenceQuota {
  private accepted: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly settings: QuotaSettings,
  ) {}

  take(): QuotaDecision {
    const now = this.clock.now();
    const windowMs = this.settings.windowSeconds * 1000;
    // Oldest first, so expired entries are a prefix: drop it without walking the window (O(1) amortised at
    // the 1,000,000-request quotas the benchmarks use).
    let expired = 0;
    while (expired < this.accepted.length && (this.accepted[expired] ?? now) <= now - windowMs) expired++;
    if (expired > 0) this.accepted.splice(0, expired);
    if (this.accepted.length < this.settings.requests) {
      this.accepted.push(now);
      return { ok: true };
    }
    const oldest = this.accepted[0] ?? now;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - now) / 1000)) };
  }

  reset(): void {
    this.accepted = [];
  }
}
