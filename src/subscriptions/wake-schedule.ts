// The manager's timing: its tunables and when its next pass is due.
import { CodedError } from '../domain/errors';
import { MAX_USERS_PER_SUBSCRIPTION } from './presence-resource';
import type { RetrySchedule } from './retry-schedule';
import type { SyncAccountRecord } from './sync-account-records';

export interface ManagerTuning {
  /** Users per account (Graph's limit is 650). */
  readonly capacity: number;
  /** Requested subscription lifetime; Graph allows at most 60 minutes for presence. */
  readonly lifetimeMinutes: number;
  /** Renew when less than this remains. */
  readonly renewBeforeMinutes: number;
  /** Reconcile at least this often (link changes made elsewhere). */
  readonly checkIntervalMs: number;
  /** Backoff after a failed step: base, doubling per failure, up to max. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export const DEFAULT_TUNING: ManagerTuning = {
  capacity: MAX_USERS_PER_SUBSCRIPTION,
  // Below the 60-minute maximum so that clock skew between us and Graph cannot make a request exceed it.
  lifetimeMinutes: 55,
  renewBeforeMinutes: 15,
  checkIntervalMs: 5 * 60_000,
  retryBaseMs: 30_000,
  retryMaxMs: 10 * 60_000,
};

const MIN_WAIT_MS = 1000;

/** The defaults overridden by `partial`; throws past Graph's limits (650 users, 60 minutes). */
export function resolveTuning(partial: Partial<ManagerTuning> = {}): ManagerTuning {
  const tuning = { ...DEFAULT_TUNING, ...partial };
  if (tuning.capacity > MAX_USERS_PER_SUBSCRIPTION || tuning.lifetimeMinutes > 60) {
    throw new CodedError(
      'invalid_subscription_tuning',
      'capacity ≤ 650 and lifetime ≤ 60 min (Graph limits)',
    );
  }
  return tuning;
}

/** The earliest of: the periodic check, each renewal due, each retry (a failing account waits for its retry). */
export function nextWakeAt(
  now: number,
  accounts: readonly SyncAccountRecord[],
  retries: RetrySchedule,
  tuning: ManagerTuning,
): number {
  let at = now + tuning.checkIntervalMs;
  for (const account of accounts) {
    const retryAt = retries.retryAt(account.name);
    const sub = account.subscription;
    if (retryAt !== undefined) at = Math.min(at, retryAt);
    else if (sub) at = Math.min(at, Date.parse(sub.expiresAt) - tuning.renewBeforeMinutes * 60_000);
  }
  return Math.max(at, now + MIN_WAIT_MS);
}
