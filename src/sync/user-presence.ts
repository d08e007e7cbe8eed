// Unified-communications presence to Teams (seed 001, second table): a person's `user.presence` (e.g. 8x8
// `onCall`) shows in Teams for the Teams user whose UPN (or mail) is their email, through a presence session of
// our app like an agent's; every presence the profile does not map to Teams is "No sync", so our session is
// cleared and Teams shows the user's own presence. The person's queue key (personKey) holds their sync state:
// `ccState` is the vendor presence applied, `ccStateAt` its occurredAt, `session` our session for them.
// A person who is also a linked agent: the agent's contact-center state decides Teams, and user.presence
// only updates the directory (one app has one session per user; two writers would undo each other).
import type { Decision, DecisionAction } from '../domain/decision';
import { vendorPresenceToTeams } from '../domain/directory-presence';
import { eventTimeMs } from '../domain/event-time';
import type { UserPresenceEvent } from '../domain/events';
import type { AgentId, TeamsUserId } from '../domain/ids';
import { emailOfPersonKey, isPersonKey } from '../domain/person-key';
import { describePresence } from '../domain/presence';
import type { DirectoryStore } from '../ports/directory-store.port';
import type { AgentSyncState, EventOutcome } from '../ports/store.port';
import type { UserDirectory } from '../ports/user-directory.port';
import { STATE_CONFLICT } from './cc-inbox';
import { emptySyncState } from './inbox-plan';
import { writePresence } from './presence-writer';
import { refreshDue } from './session-reconciler';
import { nowIso, type SyncDeps } from './sync-deps';

export const USER_PRESENCE = 'user.presence';
/** The reason stored with a user.presence whose email no Teams user has. */
export const NO_TEAMS_USER = 'no_teams_user';

export interface UserPresenceDeps extends SyncDeps {
  readonly directory: DirectoryStore;
  /** Graph /users, asked when the directory (refreshed on a schedule) does not know the email yet. */
  readonly users: UserDirectory;
}

type Step = { retry: string } | null;

/** Pending user.presence events in one pass: stale ones (older than the applied one) and all but the newest settle first. */
export function planUserPresence(
  state: AgentSyncState,
  pending: readonly UserPresenceEvent[],
): { latest: UserPresenceEvent | null; outcomes: EventOutcome[] } {
  const appliedAt = state.ccStateAt === null ? -Infinity : eventTimeMs(state.ccStateAt);
  const outcomes: EventOutcome[] = [];
  let latest: UserPresenceEvent | null = null;
  for (const event of pending) {
    if (eventTimeMs(event.occurredAt) < appliedAt) outcomes.push({ id: event.id, outcome: 'stale' });
    else if (latest === null || eventTimeMs(event.occurredAt) >= eventTimeMs(latest.occurredAt)) {
      if (latest) outcomes.push({ id: latest.id, outcome: 'superseded' });
      latest = event;
    } else outcomes.push({ id: event.id, outcome: 'superseded' });
  }
  return { latest, outcomes };
}

/** The engine step for a person's queue key; a no-op for agents (they have no user.presence). */
export async function processUserPresence(deps: UserPresenceDeps, key: AgentId): Promise<Step> {
  if (!isPersonKey(key)) return null;
  const pending = (await deps.store.pendingEvents(key))
    .map((e) => e.event)
    .filter((e): e is UserPresenceEvent => e.type === USER_PRESENCE);
  const state = (await deps.store.getAgentState(key)) ?? emptySyncState(key);
  if (pending.length === 0) return keepSession(deps, state);
  const { latest, outcomes } = planUserPresence(state, pending);
  if (!latest) return commitOrRetry(deps, { eventOutcomes: outcomes });
  let user: { id: TeamsUserId; upn: string } | null;
  try {
    user = await teamsUserFor(deps, latest.email);
  } catch (error) {
    return { retry: `user lookup failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  await deps.directory.setWorkPresence(latest.email, latest.presence);
  if (!user) {
    const reason = `No Teams user has the UPN or mail ${latest.email}: ${latest.presence} is not shown in Teams (the vendor's email must match the Microsoft UPN)`;
    return commitOrRetry(deps, {
      eventOutcomes: [...outcomes, { id: latest.id, outcome: 'failed', reason: NO_TEAMS_USER }],
      decisions: [decision(deps, key, latest.presence, 'no change', { kind: 'none' }, reason)],
    });
  }
  return apply(deps, state, latest, user, outcomes);
}

async function apply(
  deps: UserPresenceDeps,
  state: AgentSyncState,
  event: UserPresenceEvent,
  user: { id: TeamsUserId; upn: string },
  outcomes: EventOutcome[],
): Promise<Step> {
  const profile = deps.profile();
  const live = state.session !== null && Date.parse(state.session.expiresAt) > deps.clock.now();
  const link = await deps.store.getLinkByTeamsUser(user.id);
  const target = vendorPresenceToTeams(profile, event.presence);
  const label = `${profile.displayName} ${event.presence}`;
  let action: DecisionAction = { kind: 'none' };
  let to = 'no change';
  let reason: string;
  if (link) {
    reason = `${user.upn} is linked to agent ${link.agentId}: the agent's contact-center state decides Teams, ${label} only shows in the directory`;
  } else if (target?.kind === 'set') {
    action = { kind: 'setPresence', presence: target.presence };
    to = describePresence(target.presence);
    reason = `${label} → Teams ${to} for ${user.upn} (${profile.displayName} profile)`;
  } else {
    action = live ? { kind: 'clearPresence' } : { kind: 'none' };
    to = live ? "user's own presence" : 'no change';
    reason = `${label} is "No sync" in the ${profile.displayName} profile: Teams shows ${user.upn}'s own presence`;
  }
  const written = await writePresence(deps, user.id, action, live ? state.session : null);
  if (written.kind === 'retry') return { retry: written.error };
  const next: AgentSyncState = {
    ...state,
    ccState: event.presence,
    ccStateAt: event.occurredAt,
    // A linked agent's session is the agent's: we keep no record of one for the person.
    session: link ? null : written.session,
  };
  const why = written.refusal ? `${reason}; ${written.refusal}` : reason;
  return commitOrRetry(deps, {
    eventOutcomes: [...outcomes, { id: event.id, outcome: 'applied' }],
    agentStates: [next],
    decisions: [decision(deps, state.agentId, event.presence, to, action, why)],
  });
}

/** Refreshes our session while the person's presence still maps to one, and sets it again once it lapsed. */
async function keepSession(deps: UserPresenceDeps, state: AgentSyncState): Promise<Step> {
  if (state.ccState === null || state.version === 0) return null;
  const target = vendorPresenceToTeams(deps.profile(), state.ccState);
  if (target?.kind !== 'set') return null;
  const live = state.session !== null && Date.parse(state.session.expiresAt) > deps.clock.now();
  if (live && !refreshDue(deps, state)) return null;
  let user: { id: TeamsUserId; upn: string } | null;
  try {
    user = await teamsUserFor(deps, emailOfPersonKey(state.agentId));
  } catch (error) {
    return { retry: `user lookup failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!user || (await deps.store.getLinkByTeamsUser(user.id))) return null;
  const writer = live ? { ...deps, gateway: deps.refreshGateway ?? deps.gateway } : deps;
  const action: DecisionAction = { kind: 'setPresence', presence: target.presence };
  const written = await writePresence(writer, user.id, action, live ? state.session : null);
  if (written.kind === 'retry') return { retry: written.error };
  return commitOrRetry(deps, { agentStates: [{ ...state, session: written.session }] });
}

/** The directory's Teams user first (no Graph request), else Graph: UPN match before mail match. */
async function teamsUserFor(
  deps: UserPresenceDeps,
  email: string,
): Promise<{ id: TeamsUserId; upn: string } | null> {
  const known = await deps.directory.findTeamsUser(email);
  if (known) return { id: known.teamsUserId, upn: known.userPrincipalName };
  const wanted = email.trim().toLowerCase();
  const found = await deps.users.findByAddress(email.trim());
  const best =
    found.find((u) => u.userPrincipalName.toLowerCase() === wanted) ??
    found.find((u) => u.mail?.toLowerCase() === wanted);
  return best ? { id: best.id, upn: best.userPrincipalName } : null;
}

function decision(
  deps: SyncDeps,
  key: AgentId,
  from: string,
  to: string,
  action: DecisionAction,
  reason: string,
): Decision {
  return { agentId: key, at: nowIso(deps), direction: 'cc-to-teams', from, to, action, reason };
}

async function commitOrRetry(
  deps: SyncDeps,
  commit: Parameters<SyncDeps['store']['commit']>[0],
): Promise<Step> {
  const result = await deps.store.commit(commit);
  return result.stateConflicts.length > 0 ? { retry: STATE_CONFLICT } : null;
}
