// Pure planning of one pass over an agent's pending contact-center events: which are stale, which are
// superseded by a later state (latest state wins), and what the directory should hold afterwards.
import { eventTimeMs } from '../domain/event-time';
import type { AgentStateEvent, AgentUpsertEvent } from '../domain/events';
import type { AgentSyncState, InboxOutcome, StoredInboxEvent } from '../ports/store.port';

export interface InboxPlan {
  readonly outcomes: { id: string; outcome: InboxOutcome }[];
  /** The state event to apply, if any (newest by occurredAt, then arrival). */
  readonly latestState: AgentStateEvent | null;
  /** The last directory change in arrival order: an upsert, a removal, or none. */
  readonly directory: AgentUpsertEvent | 'remove' | null;
}

export const CC_SYNC_TYPES: ReadonlySet<string> = new Set(['agent.state', 'agent.upsert', 'agent.remove']);

const time = eventTimeMs;

export function planInbox(state: AgentSyncState, pending: readonly StoredInboxEvent[]): InboxPlan {
  const outcomes: InboxPlan['outcomes'] = [];
  let latest: AgentStateEvent | null = null;
  let directory: InboxPlan['directory'] = null;
  const appliedAt = state.ccStateAt === null ? -Infinity : time(state.ccStateAt);
  for (const { event } of pending) {
    if (event.type === 'agent.upsert') directory = event;
    else if (event.type === 'agent.remove') directory = 'remove';
    if (event.type !== 'agent.state') {
      if (CC_SYNC_TYPES.has(event.type)) outcomes.push({ id: event.id, outcome: 'applied' });
      continue;
    }
    if (time(event.occurredAt) < appliedAt) {
      outcomes.push({ id: event.id, outcome: 'stale' });
    } else if (latest === null || time(event.occurredAt) >= time(latest.occurredAt)) {
      if (latest) outcomes.push({ id: latest.id, outcome: 'superseded' });
      latest = event;
    } else {
      outcomes.push({ id: event.id, outcome: 'superseded' });
    }
  }
  if (latest) outcomes.push({ id: latest.id, outcome: 'applied' });
  return { outcomes, latestState: latest, directory };
}

export function emptySyncState(agentId: AgentSyncState['agentId']): AgentSyncState {
  return {
    agentId,
    ccState: null,
    ccStateAt: null,
    ccChangedBy: null,
    session: null,
    teams: null,
    hold: null,
    version: 0,
  };
}

/**
 * The state whose Teams presence applies after this pass: the latest, or, when the latest changes nothing in
 * Teams (a wrap-up after a call), the newest pending one before it that does. Coalescing Busy and Wrap-up into
 * Wrap-up alone would otherwise leave Teams showing what preceded the call.
 */
export function teamsEffectiveState(
  plan: Pick<InboxPlan, 'latestState'>,
  pending: readonly StoredInboxEvent[],
  appliedAt: string | null,
  changesTeams: (state: string) => boolean,
): AgentStateEvent | null {
  const latest = plan.latestState;
  if (!latest || changesTeams(latest.state)) return latest;
  const after = appliedAt === null ? -Infinity : time(appliedAt);
  let best: AgentStateEvent | null = null;
  for (const { event } of pending) {
    if (event.type !== 'agent.state' || event.id === latest.id || !changesTeams(event.state)) continue;
    const at = time(event.occurredAt);
    if (at < after || at > time(latest.occurredAt)) continue;
    if (best === null || at >= time(best.occurredAt)) best = event;
  }
  return best ?? latest;
}
