// The admin view of one agent (docs/openapi.yaml GET /api/admin/agents/{agentId}/status), plus recent decisions
// and the outbound queue so a parked delivery is visible.
import type { AgentId } from '../domain/ids';
import type { SyncDeps } from './sync-deps';

const RECENT_DECISIONS = 20;

export async function agentStatus(deps: SyncDeps, agentId: AgentId) {
  const { store } = deps;
  const [agent, state, link, decisions, outbound] = await Promise.all([
    store.getAgent(agentId),
    store.getAgentState(agentId),
    store.getLinkByAgent(agentId),
    store.listDecisions(agentId, RECENT_DECISIONS),
    store.outboundFor(agentId),
  ]);
  if (!agent && !state && !link) return null;
  const live =
    state?.session && Date.parse(state.session.expiresAt) > deps.clock.now() ? state.session : null;
  const teams = state?.teams ?? live?.presence ?? null;
  const summary = (d: (typeof decisions)[number]) => ({
    at: d.at,
    direction: d.direction,
    from: d.from,
    to: d.to,
    reason: d.reason,
  });
  return {
    agentId,
    displayName: agent?.displayName ?? null,
    ccState: state?.ccState ?? null,
    /** 'agent' after a manual change in the contact center: Switchboard then restores nothing. */
    ccChangedBy: state?.ccChangedBy ?? null,
    teams: teams ? { availability: teams.availability, activity: teams.activity } : null,
    linked: link !== null,
    teamsUserId: link?.teamsUserId ?? null,
    session: live,
    hold: state?.hold ?? null,
    /** What we set in Teams beside the presence (issue 10): the state's status message, the shift-end presence. */
    statusMessage: state?.rich?.statusMessage ?? null,
    preferredPresence: state?.rich?.preferredPresence ?? null,
    lastDecision: decisions[0] ? summary(decisions[0]) : null,
    recentDecisions: decisions.map(summary),
    outbound: {
      pending: outbound.filter((o) => o.status === 'pending').length,
      parked: outbound
        .filter((o) => o.status === 'parked')
        .map((o) => ({ id: o.id, type: o.type, attempts: o.attempts, lastError: o.lastError })),
    },
  };
}
