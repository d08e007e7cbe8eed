// Keeps our Graph presence session where the agent's contact-center state says it should be: refreshes it
// before it expires while the state holds, applies the state when a link appears late, and forgets a session
// that has lapsed. Refreshes are not logged as decisions; corrections are.
import { STATE_CONFLICT } from './cc-inbox';
import type { Decision, DecisionAction } from '../domain/decision';
import type { AgentId } from '../domain/ids';
import { describePresence, samePresence } from '../domain/presence';
import type { AgentSyncState } from '../ports/store.port';
import { writePresence } from './presence-writer';
import { nowIso, type SyncDeps } from './sync-deps';

/** Refresh a held session when less than this remains, plus the agent's share of the spread below. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Sessions set in one burst would expire in one burst: each agent refreshes up to this much earlier. */
export const REFRESH_SPREAD_MAX_MS = 5 * 60_000;

/** A stable share in [0, 1) per agent (FNV-1a, then murmur3's finaliser so similar ids spread evenly). */
function jitterShare(agentId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < agentId.length; i++) hash = Math.imul(hash ^ agentId.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * How long before expiry this agent's session is refreshed: the margin plus its jitter. The spread is a quarter
 * of what the session has beyond twice the margin, so short sessions (10 min) are not refreshed more often.
 */
export function refreshLeadMs(agentId: string, sessionMinutes: number): number {
  const room = Math.max(0, sessionMinutes * 60_000 - 2 * REFRESH_MARGIN_MS);
  const spread = Math.min(REFRESH_SPREAD_MAX_MS, room / 4);
  return REFRESH_MARGIN_MS + Math.floor(jitterShare(agentId) * spread);
}

/** Whether the keeper should run this agent now: its session is inside its refresh lead, or lapsed. */
export function refreshDue(deps: Pick<SyncDeps, 'clock' | 'sessionMinutes'>, state: AgentSyncState): boolean {
  if (!state.session) return false;
  const left = Date.parse(state.session.expiresAt) - deps.clock.now();
  return left < refreshLeadMs(state.agentId, deps.sessionMinutes);
}

type Plan = { action: DecisionAction; reason: string | null } | null;

function plan(deps: SyncDeps, state: AgentSyncState, live: boolean): Plan {
  if (state.ccState === null) return null;
  const profile = deps.profile();
  const target = profile.ccToTeams[state.ccState];
  const session = live ? state.session : null;
  const why = `Agent is ${state.ccState}`;
  if (target?.kind === 'set') {
    const label = `Teams ${describePresence(target.presence)} (${profile.displayName} profile)`;
    const action: DecisionAction = { kind: 'setPresence', presence: target.presence };
    if (!session || !samePresence(session.presence, target.presence))
      return { action, reason: `${why} → ${label}` };
    return refreshDue(deps, state) ? { action, reason: null } : null;
  }
  if (target?.kind === 'clear' && session) {
    return {
      action: { kind: 'clearPresence' },
      reason: `${why} → Teams shows the user's own presence again`,
    };
  }
  return null;
}

export async function reconcileSession(deps: SyncDeps, agentId: AgentId): Promise<{ retry: string } | null> {
  const state = await deps.store.getAgentState(agentId);
  if (!state) return null;
  const live = state.session !== null && Date.parse(state.session.expiresAt) > deps.clock.now();
  const link = await deps.store.getLinkByAgent(agentId);
  const next = link ? plan(deps, state, live) : null;
  if (!link || !next) {
    if (!state.session || live) return null;
    const result = await deps.store.commit({ agentStates: [{ ...state, session: null }] });
    return result.stateConflicts.length > 0 ? { retry: STATE_CONFLICT } : null;
  }
  // A pure refresh changes nothing Teams shows, so it queues behind visible changes at the budget.
  const writer = next.reason === null ? { ...deps, gateway: deps.refreshGateway ?? deps.gateway } : deps;
  const written = await writePresence(writer, link.teamsUserId, next.action, live ? state.session : null);
  if (written.kind === 'retry') return { retry: written.error };
  const decisions: Decision[] = [];
  if (next.reason || written.refusal) {
    const to =
      next.action.kind === 'setPresence' ? describePresence(next.action.presence) : "user's own presence";
    const reason = [next.reason ?? `${state.ccState ?? ''} session refresh`, written.refusal]
      .filter(Boolean)
      .join('; ');
    decisions.push({
      agentId,
      at: nowIso(deps),
      direction: 'cc-to-teams',
      from: state.ccState ?? '',
      to,
      action: next.action,
      reason,
    });
  }
  const result = await deps.store.commit({
    agentStates: [{ ...state, session: written.session }],
    decisions,
  });
  return result.stateConflicts.length > 0 ? { retry: STATE_CONFLICT } : null;
}
