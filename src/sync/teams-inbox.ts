// Teams → contact center: applies an agent's pending Teams presence work in one pass (latest wins), runs the
// rule engine, and commits the decision, the new hold and any request for the contact center together, so
// a request is in the durable outbox exactly when its decision is in the log.
import { STATE_CONFLICT } from './cc-inbox';
import type { Decision } from '../domain/decision';
import type { AgentId, TeamsUserId } from '../domain/ids';
import { decideTeamsToCc, type ObservedPresence } from '../domain/teams-to-cc';
import type { AgentSyncState, InboxOutcome, OutboundMessage } from '../ports/store.port';
import { emptySyncState } from './inbox-plan';
import type { BatchingPresenceReader } from './presence-reader';
import { nowIso, type SyncDeps } from './sync-deps';

export interface TeamsSyncDeps extends SyncDeps {
  readonly reader: BatchingPresenceReader;
  /** False when CC_OUTBOUND_URL is unset: decisions are still made and logged, nothing is requested. */
  readonly outboundEnabled: boolean;
  readonly newId: () => string;
  /** Called after a commit that queued outbound messages. */
  readonly outboundQueued: () => void;
  /** Told of a presence this pass had to read (a basic notification), so others need not read it again. */
  readonly presenceRead?: (teamsUserId: TeamsUserId, presence: ObservedPresence) => Promise<void>;
}

export async function processTeamsInbox(
  deps: TeamsSyncDeps,
  agentId: AgentId,
): Promise<{ retry: string } | null> {
  const pending = (await deps.store.pendingEvents(agentId)).filter((e) => e.event.type === 'teams.presence');
  const latest = pending.at(-1)?.event;
  if (!latest || latest.type !== 'teams.presence') return null;
  const outcomes: { id: string; outcome: InboxOutcome }[] = pending
    .slice(0, -1)
    .map((e) => ({ id: e.event.id, outcome: 'superseded' }));
  const link = await deps.store.getLinkByAgent(agentId);
  if (!link) {
    await deps.store.commit({ eventOutcomes: [...outcomes, { id: latest.id, outcome: 'ignored' }] });
    return null;
  }
  let observed: ObservedPresence | null | undefined = latest.presence;
  if (!observed) {
    try {
      observed = await deps.reader.read(link.teamsUserId);
    } catch (error) {
      return { retry: `presence read failed: ${String(error)}` };
    }
  }
  if (!observed) {
    await deps.store.commit({ eventOutcomes: [...outcomes, { id: latest.id, outcome: 'ignored' }] });
    return null;
  }
  if (!latest.presence) await deps.presenceRead?.(link.teamsUserId, observed);
  const state = (await deps.store.getAgentState(agentId)) ?? emptySyncState(agentId);
  const now = nowIso(deps);
  const result = decideTeamsToCc({ profile: deps.profile(), agentId, state, observed, now });
  const request = deps.outboundEnabled ? result.request : null;
  const decision: Decision =
    result.request && !request
      ? { ...result.decision, reason: `${result.decision.reason}; not sent: CC_OUTBOUND_URL is not set` }
      : result.decision;
  const next: AgentSyncState = {
    ...state,
    teams: isNewer(state, observed) ? { ...observed, observedAt: now } : state.teams,
    hold: request || !result.request ? result.hold : state.hold,
  };
  const outbound: OutboundMessage[] = request ? [stateRequest(deps, agentId, now, request)] : [];
  const committed = await deps.store.commit({
    eventOutcomes: [...outcomes, { id: latest.id, outcome: 'applied' }],
    agentStates: [next],
    decisions: [decision],
    outbound,
  });
  if (committed.stateConflicts.length > 0) return { retry: STATE_CONFLICT };
  if (outbound.length > 0) deps.outboundQueued();
  return null;
}

function isNewer(state: AgentSyncState, observed: ObservedPresence): boolean {
  const last = state.teams?.sequenceNumber;
  return observed.sequenceNumber === undefined || last === undefined || observed.sequenceNumber > last;
}

function stateRequest(
  deps: TeamsSyncDeps,
  agentId: AgentId,
  now: string,
  request: NonNullable<ReturnType<typeof decideTeamsToCc>['request']>,
): OutboundMessage {
  const id = deps.newId();
  const body = {
    id,
    type: 'agent.state.requested',
    occurredAt: now,
    agentId,
    state: request.state,
    cause: request.cause,
  };
  return { id, agentId, type: body.type, body };
}
