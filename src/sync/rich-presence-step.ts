// Applies the profile's status message and end-of-shift preferred presence (issue #10 part 3) after the
// agent's presence session: plans the calls from the stored state (what we last set), makes each through the
// budgeted gateway, and commits what is set with one decision per call. Nothing to change: no Graph call.
import type { Decision } from '../domain/decision';
import type { AgentId, TeamsUserId } from '../domain/ids';
import {
  afterRichStep,
  describePreferred,
  NO_RICH_PRESENCE,
  planRichPresence,
  type AppliedRichPresence,
  type RichAction,
} from '../domain/rich-presence';
import type { PresenceWriteResult, RichPresenceGateway } from '../ports/presence-gateway.port';
import { STATE_CONFLICT } from './cc-inbox';
import { nowIso, type SyncDeps } from './sync-deps';

function callFor(
  gateway: RichPresenceGateway,
  userId: TeamsUserId,
  action: RichAction,
  now: number,
): Promise<PresenceWriteResult> {
  switch (action.kind) {
    case 'setStatusMessage': {
      const minutes = action.expiresAfterMinutes;
      const expiresAt = minutes === undefined ? undefined : new Date(now + minutes * 60_000).toISOString();
      return gateway.setStatusMessage(userId, action.message, expiresAt);
    }
    case 'clearStatusMessage':
      return gateway.clearStatusMessage(userId);
    case 'setPreferredPresence':
      return gateway.setPreferredPresence(userId, action.presence);
    case 'clearPreferredPresence':
      return gateway.clearPreferredPresence(userId);
  }
}

/** What the decision log shows in its "to" column. */
function shownAs(action: RichAction): string {
  switch (action.kind) {
    case 'setStatusMessage':
      return `status message '${action.message}'`;
    case 'clearStatusMessage':
      return 'no status message';
    case 'setPreferredPresence':
      return `${describePreferred(action.presence)} (preferred presence)`;
    case 'clearPreferredPresence':
      return 'no preferred presence';
  }
}

export async function reconcileRichPresence(
  deps: SyncDeps,
  agentId: AgentId,
): Promise<{ retry: string } | null> {
  const gateway = deps.richGateway;
  if (!gateway) return null;
  const state = await deps.store.getAgentState(agentId);
  const link = state ? await deps.store.getLinkByAgent(agentId) : null;
  if (!state || !link) return null;
  const applied = state.rich ?? NO_RICH_PRESENCE;
  const now = deps.clock.now();
  const plan = planRichPresence({ profile: deps.profile(), state: state.ccState, applied, now });
  if (plan.steps.length === 0 && plan.start === applied) return null;
  let current: AppliedRichPresence = plan.start;
  const decisions: Decision[] = [];
  let retry: string | null = null;
  for (const step of plan.steps) {
    const result = await callFor(gateway, link.teamsUserId, step.action, now);
    const error = result.ok ? null : `${result.status} ${result.code}: ${result.message}`;
    if (!result.ok && result.retryable) {
      retry = error;
      break;
    }
    // A refusal for good (403, 400) is not asked again until the state changes; the log says why.
    current = afterRichStep(current, step.action, now);
    const reason = error === null ? step.reason : `${step.reason}; Graph refused it (${error})`;
    decisions.push({
      agentId,
      at: nowIso(deps),
      direction: 'cc-to-teams',
      from: state.ccState ?? '',
      to: shownAs(step.action),
      action: step.action,
      reason,
    });
  }
  if (current !== applied) {
    const rich = current.statusMessage === null && current.preferredPresence === null ? null : current;
    const result = await deps.store.commit({ agentStates: [{ ...state, rich }], decisions });
    if (result.stateConflicts.length > 0) return { retry: STATE_CONFLICT };
  }
  return retry === null ? null : { retry };
}
