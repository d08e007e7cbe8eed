// Keeps our Graph presence session where the agent's contact-center state says it should be: refreshes it
// before it expires while the state holds, applies the state when a link appears late, and forgets a session
// that has lapsed. Refreshes are not logged as decisions; corrections are.
import { STATE_CONFLICT } from './cc-inbox';
import type { Decision, DecisionAction } from '../domain/decision';
import type { AgentId } from '../domain/ids';
import { describePresence, samePresence } from '../domain/presence';
import type { AgentSyncState } from '../ports/store.port';
import { writePresence } from './presence-writer';
import { refreshDue } from './session-refresh';
import { nowIso, type SyncDeps } from './sync-deps';

export { REFRESH_MARGIN_MS, REFRESH_SPREAD_MAX_MS, refreshLeadMs, refreshDue } from './session-refresh';

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
