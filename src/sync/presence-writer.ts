// Carries out a decision's Teams action through the PresenceGateway and says what our session is now. A
// visible change's write goes through the scheduler's `changeGateway` when there is one: newest change first
// over the quota, and not sent at all if a newer state superseded it while it waited. A set that our live
// session already shows, with no refresh due, is not sent either: Teams shows it from us already.
import { samePresence } from '../domain/presence';
import type { DecisionAction } from '../domain/decision';
import { eventTimeMs } from '../domain/event-time';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { PresenceGateway, PresenceWriteResult } from '../ports/presence-gateway.port';
import type { PresenceSession, StoredInboxEvent, Store } from '../ports/store.port';
import { SUPERSEDED, type ChangeTicket } from './budgeted-presence-gateway';
import { REFRESH_MARGIN_MS, REFRESH_SPREAD_MAX_MS } from './session-refresh';

export type WriteOutcome =
  | { readonly kind: 'done'; readonly session: PresenceSession | null; readonly refusal?: string }
  /** Graph could not be reached or kept throttling: keep the work and try again later. */
  | { readonly kind: 'retry'; readonly error: string };

export interface WriterDeps {
  readonly gateway: PresenceGateway;
  /** The gateway for one visible change's write (BudgetedPresenceGateway.forChange); default `gateway`. */
  readonly changeGateway?: (ticket: ChangeTicket) => PresenceGateway;
  readonly clock: Clock;
  readonly sessionMinutes: number;
}

/** A session with more than this left is not due for any agent's refresh (the longest lead). */
const NO_REFRESH_DUE_MS = REFRESH_MARGIN_MS + REFRESH_SPREAD_MAX_MS;

/**
 * The ticket for applying `applied`, read with `read` (the pass's pending events): superseded once the
 * agent has a pending state event the pass did not read that is at least as new and changes Teams
 * (`changesTeams`). A newer "no change" state (Wrap-up after Busy) does not supersede: it keeps showing
 * what this write sets, and its own pass would not set it again.
 */
export function changeTicket(
  store: Pick<Store, 'pendingEvents'>,
  agentId: AgentId,
  read: readonly StoredInboxEvent[],
  applied: { readonly occurredAt: string },
  changesTeams: (state: string) => boolean = () => true,
): ChangeTicket {
  const changedAt = eventTimeMs(applied.occurredAt);
  const seen = new Set(read.map((e) => e.event.id));
  return {
    changedAt,
    superseded: async () =>
      (await store.pendingEvents(agentId)).some(
        ({ event }) =>
          event.type === 'agent.state' &&
          !seen.has(event.id) &&
          eventTimeMs(event.occurredAt) >= changedAt &&
          changesTeams(event.state),
      ),
  };
}

function alreadyShown(deps: WriterDeps, action: DecisionAction, current: PresenceSession | null): boolean {
  if (action.kind !== 'setPresence' || !current) return false;
  const left = Date.parse(current.expiresAt) - deps.clock.now();
  return left > NO_REFRESH_DUE_MS && samePresence(current.presence, action.presence);
}

export async function writePresence(
  deps: WriterDeps,
  userId: TeamsUserId,
  action: DecisionAction,
  current: PresenceSession | null,
  change?: ChangeTicket,
): Promise<WriteOutcome> {
  if (alreadyShown(deps, action, current)) return { kind: 'done', session: current };
  const gateway = change && deps.changeGateway ? deps.changeGateway(change) : deps.gateway;
  let result: PresenceWriteResult;
  let next: PresenceSession | null;
  if (action.kind === 'setPresence') {
    result = await gateway.setPresence(userId, action.presence, deps.sessionMinutes);
    const expiresAt = new Date(deps.clock.now() + deps.sessionMinutes * 60_000).toISOString();
    next = { presence: action.presence, expiresAt };
  } else if (action.kind === 'clearPresence') {
    result = await gateway.clearPresence(userId);
    next = null;
  } else {
    return { kind: 'done', session: current };
  }
  if (result.ok) return { kind: 'done', session: next };
  if (result.code === SUPERSEDED) {
    return { kind: 'done', session: current, refusal: 'not sent: a newer state came before its turn' };
  }
  const error = `${result.status} ${result.code}: ${result.message}`;
  if (result.retryable) return { kind: 'retry', error };
  return { kind: 'done', session: current, refusal: `Graph refused it (${error})` };
}
