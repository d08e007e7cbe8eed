// Contact center → Teams: what Teams should show after an agent's state changes. Pure: the caller carries out
// the action (setPresence / clearPresence) and records the decision.
import type { Decision } from './decision';
import type { AgentId } from './ids';
import { describePresence, samePresence, type TeamsPresence } from './presence';
import type { PresenceProfile } from './profile';
import type { Hold, PresenceSession } from '../ports/store.port';

export interface CcToTeamsInput {
  readonly profile: PresenceProfile;
  readonly agentId: AgentId;
  readonly state: string;
  readonly previousState: string | null;
  readonly linked: boolean;
  readonly session: PresenceSession | null;
  readonly now: string;
  /**
   * The hold after this change (holdAfterCcState). When the new state is the one we asked for because of
   * Teams, Teams caused it and is left alone: pushing it back (Dynamics 365 Busy → Busy/InACall) would keep
   * Teams busy after the call and the restore would never come.
   */
  readonly hold?: Hold | null;
}

export const NO_CHANGE = 'no change';
export const OWN_PRESENCE = "user's own presence";

/** "Busy", or "In a Meeting (Busy)" for a custom state. */
export function stateLabel(profile: PresenceProfile, state: string): string {
  const base = Object.hasOwn(profile.baseOf, state) ? profile.baseOf[state] : undefined;
  return base === undefined ? state : `${state} (${base})`;
}

export function decideCcToTeams(input: CcToTeamsInput): Decision {
  const { profile, state } = input;
  const suffix = `(${profile.displayName} profile)`;
  const none = (reason: string, to = NO_CHANGE): Decision => decision(input, to, { kind: 'none' }, reason);
  if (!input.linked) return none(`Agent ${input.agentId} is not linked to a Teams user`);
  const target = Object.hasOwn(profile.ccToTeams, state) ? profile.ccToTeams[state] : undefined;
  if (target === undefined) return none(`State '${state}' is not in the ${profile.displayName} profile`);
  const label = stateLabel(profile, state);
  if (input.hold && input.hold.requested === state) {
    return none(
      `Agent went ${label} because we asked for it (Teams activity) → no change to Teams ${suffix}`,
    );
  }
  if (target.kind === 'noChange') return none(`Agent went ${label} → no change to Teams ${suffix}`);
  if (target.kind === 'clear') {
    if (input.session === null) {
      return none(
        `Agent went ${label} → nothing to clear, Teams already shows the user's own presence ${suffix}`,
        OWN_PRESENCE,
      );
    }
    const reason = `Agent went ${label} → Teams shows the user's own presence again ${suffix}`;
    return decision(input, OWN_PRESENCE, { kind: 'clearPresence' }, reason);
  }
  return setDecision(input, label, target.presence, suffix);
}

function setDecision(
  input: CcToTeamsInput,
  label: string,
  presence: TeamsPresence,
  suffix: string,
): Decision {
  const to = describePresence(presence);
  if (input.previousState === input.state && sessionShows(input.session, presence, input.now)) {
    // A repeated state: our live session already shows it, and the keep-alive refreshes it.
    return decision(
      input,
      to,
      { kind: 'none' },
      `Agent is still ${label}; Teams already shows ${to} ${suffix}`,
    );
  }
  return decision(
    input,
    to,
    { kind: 'setPresence', presence },
    `Agent went ${label} → Teams ${to} ${suffix}`,
  );
}

function sessionShows(session: PresenceSession | null, presence: TeamsPresence, now: string): boolean {
  return (
    session !== null &&
    Date.parse(session.expiresAt) > Date.parse(now) &&
    samePresence(session.presence, presence)
  );
}

function decision(input: CcToTeamsInput, to: string, action: Decision['action'], reason: string): Decision {
  return {
    agentId: input.agentId,
    at: input.now,
    direction: 'cc-to-teams',
    from: input.state,
    to,
    action,
    reason,
  };
}
