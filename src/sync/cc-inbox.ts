// Contact center → Teams: applies an agent's pending contact-center events in one pass. The Graph call is
// made before anything is committed, so a crash in between leaves the events pending and the call is made
// again after restart (setPresence is idempotent).
import { decideCcToTeams } from '../domain/cc-to-teams';
import type { Decision } from '../domain/decision';
import type { AgentId } from '../domain/ids';
import { holdAfterCcState } from '../domain/teams-to-cc';
import type { AgentRecord, AgentSyncState, Commit } from '../ports/store.port';
import { CC_SYNC_TYPES, emptySyncState, planInbox, teamsEffectiveState } from './inbox-plan';
import type { PresenceProfile } from '../domain/profile';
import { changeTicket, writePresence } from './presence-writer';
import { nowIso, type SyncDeps } from './sync-deps';

/** Another instance committed this agent's state since we read it: the pass runs again from a fresh read. */
export const STATE_CONFLICT = 'state_conflict';

export type InboxResult =
  { readonly retry: string } | { readonly retry?: undefined; readonly processed: number };

export async function processCcInbox(deps: SyncDeps, agentId: AgentId): Promise<InboxResult> {
  const pending = (await deps.store.pendingEvents(agentId)).filter((e) => CC_SYNC_TYPES.has(e.event.type));
  if (pending.length === 0) return { processed: 0 };
  const before = (await deps.store.getAgentState(agentId)) ?? emptySyncState(agentId);
  const plan = planInbox(before, pending);
  const now = nowIso(deps);
  let state: AgentSyncState = before;
  const decisions: Decision[] = [];
  const link = await deps.store.getLinkByAgent(agentId);

  if (plan.latestState) {
    const event = plan.latestState;
    const hold = holdAfterCcState(before.hold, event.state, event.changedBy);
    if (before.hold && !hold)
      decisions.push(holdEnded(agentId, before.hold.restoreTo, event.state, now, deps));
    const profile = deps.profile();
    const shows = teamsEffectiveState(plan, pending, before.ccStateAt, (s) => changesTeams(profile, s));
    const decided = decideCcToTeams({
      profile,
      agentId,
      state: shows?.state ?? event.state,
      previousState: before.ccState,
      linked: link !== null,
      session: before.session,
      hold,
      now,
    });
    const decision =
      shows && shows.id !== event.id
        ? { ...decided, reason: `${decided.reason}; then ${event.state}, which changes nothing in Teams` }
        : decided;
    const change = changeTicket(deps.store, agentId, pending, event, (s) => changesTeams(profile, s));
    const written = link
      ? await writePresence(deps, link.teamsUserId, decision.action, before.session, change)
      : null;
    if (written?.kind === 'retry') return { retry: written.error };
    const session = written ? written.session : before.session;
    decisions.push(
      written?.refusal ? { ...decision, reason: `${decision.reason}; ${written.refusal}` } : decision,
    );
    state = {
      ...state,
      ccState: event.state,
      ccStateAt: event.occurredAt,
      ccChangedBy: event.changedBy ?? null,
      session,
      hold,
    };
  }

  const commit: Commit = {
    eventOutcomes: plan.outcomes,
    agentStates: [state],
    decisions,
    ...directoryChange(plan.directory, agentId),
  };
  if (plan.directory === 'remove') {
    // A removed agent has no contact-center state any more: Teams goes back to the user's own presence.
    const cleared =
      state.session && link
        ? await writePresence(deps, link.teamsUserId, { kind: 'clearPresence' }, state.session)
        : null;
    if (cleared?.kind === 'retry') return { retry: cleared.error };
    const removed: AgentSyncState = {
      ...state,
      ccState: null,
      hold: null,
      session: cleared ? cleared.session : state.session,
    };
    const result = await deps.store.commit({ ...commit, agentStates: [removed] });
    if (result.stateConflicts.length > 0) return { retry: STATE_CONFLICT };
  } else {
    const result = await deps.store.commit(commit);
    if (result.stateConflicts.length > 0) return { retry: STATE_CONFLICT };
  }
  return { processed: pending.length };
}

/** Whether a state sets or clears our Teams presence under the profile (not "no change", not unknown). */
function changesTeams(profile: PresenceProfile, state: string): boolean {
  const target = Object.hasOwn(profile.ccToTeams, state) ? profile.ccToTeams[state] : undefined;
  return target !== undefined && target.kind !== 'noChange';
}

function directoryChange(
  directory: ReturnType<typeof planInbox>['directory'],
  agentId: AgentId,
): Partial<Commit> {
  if (directory === null) return {};
  if (directory === 'remove') return { removeAgents: [agentId] };
  const record: AgentRecord = {
    agentId: directory.agentId,
    email: directory.email,
    displayName: directory.displayName,
    ...(directory.jobTitle ? { jobTitle: directory.jobTitle } : {}),
    identities: directory.identities ?? [],
  };
  return { upsertAgents: [record] };
}

function holdEnded(
  agentId: AgentId,
  restoreTo: string,
  state: string,
  now: string,
  deps: SyncDeps,
): Decision {
  return {
    agentId,
    at: now,
    direction: 'teams-to-cc',
    from: state,
    to: 'no change',
    action: { kind: 'none' },
    reason: `Agent is now ${state}, not the state we asked for: ${restoreTo} will not be restored (${deps.profile().displayName} profile)`,
  };
}
