// A PresenceGateway that keeps every presence call inside the tenant's quota: each HTTP attempt waits (on
// the Clock) for the PresenceBudget, holds its slot until the answer is in, and when several are waiting
// they go in priority order: a visible change, then a session refresh (`forRefresh()`), then a read. Retries of throttled calls (429/503) happen here, above the budget, so every attempt is
// counted and the whole budget pauses for Graph's Retry-After instead of one caller retrying below it.
import { CodedError } from '../domain/errors';
import type { TeamsUserId } from '../domain/ids';
import type { TeamsPresence } from '../domain/presence';
import type { Clock } from '../ports/clock.port';
import type {
  ObservedPresence,
  PresenceGateway,
  PresenceReadFailure,
  PresenceWriteResult,
  RichPresenceGateway,
} from '../ports/presence-gateway.port';
import {
  isThrottle,
  type PresenceBudget,
  type PresenceCallEnd,
  type PresenceCallKind,
} from './presence-budget';

/** Queues in priority order; a refresh is a write to the budget, just a less urgent one. */
type Lane = 'write' | 'refresh' | 'read';
const LANES: readonly Lane[] = ['write', 'refresh', 'read'];
const BUDGET_KIND: Record<Lane, PresenceCallKind> = { write: 'write', refresh: 'write', read: 'read' };
/** Attempts of one call that Graph throttles before its caller gets the throttled answer back. */
export const MAX_THROTTLED_ATTEMPTS = 4;

interface Attempt<T> {
  readonly run: () => Promise<T>;
  /** How the attempt ended, for the budget; a throttled end is retried while attempts remain. */
  readonly endOf: (outcome: { value: T } | { error: unknown }) => PresenceCallEnd;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function writeEnd(result: PresenceWriteResult): PresenceCallEnd {
  if (result.ok || !result.retryable) return { status: 200 };
  return result.retryAfterMs === undefined
    ? { status: result.status }
    : { status: result.status, retryAfterMs: result.retryAfterMs };
}

function readEnd(outcome: { value: unknown } | { error: unknown }): PresenceCallEnd {
  if (!('error' in outcome)) return { status: 200 };
  const details = outcome.error instanceof CodedError ? outcome.error.details : undefined;
  if (!isRecord(details) || typeof details['status'] !== 'number') return { status: 0 };
  return details as unknown as PresenceReadFailure;
}

export class BudgetedPresenceGateway implements PresenceGateway {
  private readonly waiting: Record<Lane, (() => void)[]> = { write: [], refresh: [], read: [] };
  private cancelWake: (() => void) | null = null;
  private throttledCount = 0;
  private inFlight = 0;

  constructor(
    private readonly inner: PresenceGateway,
    private readonly budget: PresenceBudget,
    private readonly clock: Clock,
  ) {}

  /** The same gateway whose writes wait behind visible changes (for refreshes of unchanged sessions). */
  forRefresh(): PresenceGateway {
    return {
      setPresence: (userId, presence, minutes) => this.setPresence(userId, presence, minutes, 'refresh'),
      clearPresence: (userId) => this.clearPresence(userId),
      getPresences: (userIds) => this.getPresences(userIds),
    };
  }

  setPresence(
    userId: TeamsUserId,
    presence: TeamsPresence,
    expirationMinutes: number,
    lane: 'write' | 'refresh' = 'write',
  ): Promise<PresenceWriteResult> {
    return this.when(lane, {
      run: () => this.inner.setPresence(userId, presence, expirationMinutes),
      endOf: (o) => ('value' in o ? writeEnd(o.value) : { status: 0 }),
    });
  }

  clearPresence(userId: TeamsUserId): Promise<PresenceWriteResult> {
    return this.when('write', {
      run: () => this.inner.clearPresence(userId),
      endOf: (o) => ('value' in o ? writeEnd(o.value) : { status: 0 }),
    });
  }

  /** The richer presence calls (status message, preferred presence) of `inner`, each a budgeted write. */
  rich(inner: RichPresenceGateway): RichPresenceGateway {
    const write = (run: () => Promise<PresenceWriteResult>) =>
      this.when('write', { run, endOf: (o) => ('value' in o ? writeEnd(o.value) : { status: 0 }) });
    return {
      setStatusMessage: (userId, message, expiresAt) =>
        write(() => inner.setStatusMessage(userId, message, expiresAt)),
      clearStatusMessage: (userId) => write(() => inner.clearStatusMessage(userId)),
      setPreferredPresence: (userId, presence) => write(() => inner.setPreferredPresence(userId, presence)),
      clearPreferredPresence: (userId) => write(() => inner.clearPreferredPresence(userId)),
    };
  }

  getPresences(userIds: readonly TeamsUserId[]): Promise<ObservedPresence[]> {
    // An empty read makes no Graph request, so it costs nothing.
    if (userIds.length === 0) return this.inner.getPresences(userIds);
    return this.when('read', { run: () => this.inner.getPresences(userIds), endOf: readEnd });
  }

  /** Calls waiting for the budget, by kind (diagnostics). */
  queued(): Record<PresenceCallKind, number> {
    const { write, refresh, read } = this.waiting;
    return { write: write.length + refresh.length, read: read.length };
  }

  /** Attempts made and not yet answered (diagnostics). */
  active(): number {
    return this.inFlight;
  }

  /** Attempts Graph answered 429 or 503 since start (diagnostics; each was retried or handed back). */
  throttled(): number {
    return this.throttledCount;
  }

  private when<T>(kind: Lane, attempt: Attempt<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let attempts = 0;
      const start = (): void => {
        attempts += 1;
        this.inFlight += 1;
        const settle = (outcome: { value: T } | { error: unknown }) => {
          this.inFlight -= 1;
          const end = attempt.endOf(outcome);
          this.budget.release(end);
          const throttled = isThrottle(end.status);
          if (throttled) this.throttledCount += 1;
          if (throttled && attempts < MAX_THROTTLED_ATTEMPTS) this.waiting[kind].unshift(start);
          else if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
          this.pump();
        };
        let call: Promise<T>;
        try {
          call = attempt.run();
        } catch (error) {
          call = Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        call.then(
          (value) => settle({ value }),
          (error: unknown) => settle({ error }),
        );
      };
      this.waiting[kind].push(start);
      this.pump();
    });
  }

  /** Starts every waiting call the budget allows, in priority order, and sleeps until the next could. */
  private pump(): void {
    this.cancelWake?.();
    this.cancelWake = null;
    let wait = 0;
    for (const lane of LANES) {
      const queue = this.waiting[lane];
      while (queue.length > 0 && wait === 0) {
        wait = this.budget.tryTake(BUDGET_KIND[lane]);
        if (wait === 0) queue.shift()?.();
      }
      // A waiting call holds back every lower lane: nothing less urgent may take the slot it waits for.
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
