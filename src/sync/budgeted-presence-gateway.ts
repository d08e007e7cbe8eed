// A PresenceGateway that keeps every presence call inside the tenant's quota: each HTTP attempt waits (on
// the Clock) for the PresenceBudget, holds its slot until the answer is in, and when several are waiting
// they go in priority order: a visible change, then a session refresh (`forRefresh()`), then a read. Retries
// of throttled calls (429/503) happen here, above the budget, so every attempt is counted and the whole
// budget pauses for Graph's Retry-After instead of one caller retrying below it.
// Over the quota, visible changes that wait go newest first (`forChange()`): a change that just happened
// will hold longer than one that has waited, so serving it first keeps more agent-time right. A change
// that waited is asked, once its slot is granted, whether a newer one superseded it; if so its slot is
// handed back unused and the caller gets SUPERSEDED, so no write is spent on a state already gone.
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
import { PresenceLanes, type Lane } from './presence-lanes';

/** Attempts of one call that Graph throttles before its caller gets the throttled answer back. */
export const MAX_THROTTLED_ATTEMPTS = 4;
/** The `code` of the result a superseded change's write resolves with; nothing was sent to Graph. */
export const SUPERSEDED = 'superseded';
const SUPERSEDED_RESULT: PresenceWriteResult = {
  ok: false,
  retryable: false,
  status: 0,
  code: SUPERSEDED,
  message: 'a newer state superseded this change before its turn; nothing was sent',
};

/** One visible change's write: when the change happened (ms), and whether a newer one replaced it. */
export interface ChangeTicket {
  readonly changedAt: number;
  /** Asked once, when a write that had to wait is granted its slot; true = do not send it. */
  readonly superseded: () => Promise<boolean>;
}

interface Attempt<T> {
  readonly run: () => Promise<T>;
  /** How the attempt ended, for the budget; a throttled end is retried while attempts remain. */
  readonly endOf: (outcome: { value: T } | { error: unknown }) => PresenceCallEnd;
  /** Within its lane, the highest goes first (a change's time); equal ones in arrival order. */
  readonly order?: number;
  /** For a change that waited: the answer to give instead of sending, if it was superseded. */
  readonly skip?: () => Promise<T | null>;
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
  private readonly lanes: PresenceLanes;
  private throttledCount = 0;
  private inFlight = 0;

  constructor(
    private readonly inner: PresenceGateway,
    private readonly budget: PresenceBudget,
    private readonly clock: Clock,
  ) {
    this.lanes = new PresenceLanes(budget, clock);
  }

  /** The same gateway whose writes wait behind visible changes (for refreshes of unchanged sessions). */
  forRefresh(): PresenceGateway {
    return {
      setPresence: (userId, presence, minutes) => this.setPresence(userId, presence, minutes, 'refresh'),
      clearPresence: (userId) => this.clearPresence(userId),
      getPresences: (userIds) => this.getPresences(userIds),
    };
  }

  /**
   * The same gateway for the writes of one visible change: they wait newest change first, and one that had
   * to wait is not sent if the change was superseded by its turn (it resolves with code SUPERSEDED).
   */
  forChange(ticket: ChangeTicket): PresenceGateway {
    const scheduling = {
      order: ticket.changedAt,
      skip: async () => ((await ticket.superseded()) ? SUPERSEDED_RESULT : null),
    };
    return {
      setPresence: (userId, presence, minutes) =>
        this.write('write', () => this.inner.setPresence(userId, presence, minutes), scheduling),
      clearPresence: (userId) => this.write('write', () => this.inner.clearPresence(userId), scheduling),
      getPresences: (userIds) => this.getPresences(userIds),
    };
  }

  setPresence(
    userId: TeamsUserId,
    presence: TeamsPresence,
    expirationMinutes: number,
    lane: 'write' | 'refresh' = 'write',
  ): Promise<PresenceWriteResult> {
    return this.write(lane, () => this.inner.setPresence(userId, presence, expirationMinutes));
  }

  clearPresence(userId: TeamsUserId): Promise<PresenceWriteResult> {
    return this.write('write', () => this.inner.clearPresence(userId));
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
    return this.lanes.queued();
  }

  /** Attempts made and not yet answered (diagnostics). */
  active(): number {
    return this.inFlight;
  }

  /** Attempts Graph answered 429 or 503 since start (diagnostics; each was retried or handed back). */
  throttled(): number {
    return this.throttledCount;
  }

  private write(
    lane: 'write' | 'refresh',
    run: () => Promise<PresenceWriteResult>,
    scheduling: Pick<Attempt<PresenceWriteResult>, 'order' | 'skip'> = {},
  ): Promise<PresenceWriteResult> {
    return this.when(lane, {
      run,
      endOf: (o) => ('value' in o ? writeEnd(o.value) : { status: 0 }),
      // A write that is not a change's (a correction, a removal) counts as changed now.
      order: lane === 'write' ? this.clock.now() : 0,
      ...scheduling,
    });
  }

  private when<T>(kind: Lane, attempt: Attempt<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let attempts = 0;
      let waited = false;
      /** Granted a slot: sends the attempt, unless it waited and was superseded meanwhile. */
      const begin = async (): Promise<void> => {
        if (waited && attempt.skip) {
          const instead = await attempt.skip().catch(() => null);
          if (instead !== null) {
            this.budget.cancel();
            resolve(instead);
            this.lanes.pump();
            return;
          }
        }
        send();
      };
      const send = (): void => {
        attempts += 1;
        this.inFlight += 1;
        const settle = (outcome: { value: T } | { error: unknown }) => {
          this.inFlight -= 1;
          const end = attempt.endOf(outcome);
          this.budget.release(end);
          const throttled = isThrottle(end.status);
          if (throttled) this.throttledCount += 1;
          // A retry goes before everything else of its lane: it was granted before any of them.
          if (throttled && attempts < MAX_THROTTLED_ATTEMPTS) {
            this.lanes.addFirst(kind, { start: send, order: Infinity });
            return;
          }
          if ('value' in outcome) resolve(outcome.value);
          else reject(outcome.error instanceof Error ? outcome.error : new Error(String(outcome.error)));
          this.lanes.pump();
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
      this.lanes.add(kind, { start: () => void begin(), order: attempt.order ?? 0 });
      waited = true;
    });
  }
}
