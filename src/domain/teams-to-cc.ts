// Teams → contact center: the rule engine. Table-driven from profile.teamsToCc (first match wins). We only
// act from the profile's available state; when we ask for a state because of Teams we remember it as a hold,
// and once Teams no longer matches a requesting rule we ask for the state the agent was in (the restore). A
// manual change by the agent ends the hold: after that we never restore.
import type { Decision } from './decision';
import type { AgentId } from './ids';
import { describePresence, samePresence, type TeamsPresence } from './presence';
import type { PresenceProfile } from './profile';
import { findTeamsRule, isRequestingRule } from './teams-rules';
import type { AgentSyncState, Hold, PresenceSession } from '../ports/store.port';

export interface ObservedPresence extends TeamsPresence {
  readonly sequenceNumber?: string;
}

export interface TeamsToCcInput {
  readonly profile: PresenceProfile;
  readonly agentId: AgentId;
  readonly state: AgentSyncState;
  readonly observed: ObservedPresence;
  readonly now: string;
}

export type CcRequestCause = { readonly teams: TeamsPresence } | { readonly restore: true };

/** The body of an outbound agent.state.requested (docs/INTEGRATION.md), minus its envelope. */
export interface CcRequest {
  readonly state: string;
  readonly cause: CcRequestCause;
}

export interface TeamsToCcResult {
  readonly decision: Decision;
  /** The hold to store from now on (unchanged, new, or null when it ended). */
  readonly hold: Hold | null;
  readonly request: CcRequest | null;
}

interface Context extends TeamsToCcInput {
  readonly presence: TeamsPresence;
  readonly label: string;
  readonly suffix: string;
}

export function decideTeamsToCc(input: TeamsToCcInput): TeamsToCcResult {
  const { availability, activity, sequenceNumber } = input.observed;
  const presence = { availability, activity };
  const ctx: Context = {
    ...input,
    presence,
    label: describePresence(presence),
    suffix: `(${input.profile.displayName} profile)`,
  };
  const last = input.state.teams?.sequenceNumber;
  if (sequenceNumber !== undefined && last !== undefined && sequenceNumber <= last) {
    return unchanged(ctx, `Teams update ${sequenceNumber} is not newer than ${last} already seen: ignored`);
  }
  // With a hold, our own session showing again means the Teams activity is over, so the hold rules come
  // before echo suppression (otherwise the Available we set earlier would hide the end of the call).
  if (input.state.hold) return decideWithHold(ctx, input.state.hold);
  if (isOwnPresence(input.state.session, presence, input.now)) {
    return unchanged(ctx, `Teams ${ctx.label} is our own change coming back → no change ${ctx.suffix}`);
  }
  return decideFromAvailable(ctx);
}

function decideWithHold(ctx: Context, hold: Hold): TeamsToCcResult {
  const cc = ctx.state.ccState;
  // ccState is the requested state once the contact center confirmed it, or still restoreTo while our
  // request waits in the outbox; anything else means the hold should already have ended (holdAfterCcState).
  if (cc !== hold.requested && cc !== hold.restoreTo) {
    const reason = `Agent is ${cc ?? 'in no state'}, not ${hold.requested} as we asked: nothing to restore ${ctx.suffix}`;
    return { ...unchanged(ctx, reason), hold: null };
  }
  if (isRequestingRule(ctx.profile, findTeamsRule(ctx.profile, ctx.presence))) {
    return unchanged(ctx, `Teams still ${ctx.label} → agent stays ${hold.requested} ${ctx.suffix}`);
  }
  const reason = `Teams ${ctx.label} → restore ${hold.restoreTo}, the state before we asked for ${hold.requested} ${ctx.suffix}`;
  return {
    decision: decision(
      ctx,
      hold.restoreTo,
      { kind: 'requestState', state: hold.restoreTo, restore: true },
      reason,
    ),
    hold: null,
    request: { state: hold.restoreTo, cause: { restore: true } },
  };
}

function decideFromAvailable(ctx: Context): TeamsToCcResult {
  const cc = ctx.state.ccState;
  const available = ctx.profile.availableState;
  if (cc !== available) {
    const now = cc === null ? 'has no contact-center state yet' : `is ${cc}, not ${available}`;
    return unchanged(ctx, `Agent ${now}: sync only from ${available}`);
  }
  const rule = findTeamsRule(ctx.profile, ctx.presence);
  if (rule === null) return unchanged(ctx, `Teams ${ctx.label} matches no rule → no change ${ctx.suffix}`);
  if (rule.request === null || rule.request === cc) {
    return unchanged(ctx, `Teams ${ctx.label} → no change ${ctx.suffix}`);
  }
  const reason = `Teams ${ctx.label} while ${cc} → request ${rule.request} ${ctx.suffix}`;
  return {
    decision: decision(
      ctx,
      rule.request,
      { kind: 'requestState', state: rule.request, restore: false },
      reason,
    ),
    hold: { requested: rule.request, restoreTo: cc, since: ctx.now },
    request: { state: rule.request, cause: { teams: ctx.presence } },
  };
}

/**
 * The hold after a contact-center state change: the confirmation of our own request keeps it; a manual
 * change (changedBy 'agent') or any other state ends it, and we never restore after that.
 */
export function holdAfterCcState(
  hold: Hold | null,
  newState: string,
  changedBy: 'agent' | 'system' | undefined,
): Hold | null {
  if (hold === null || changedBy === 'agent' || newState !== hold.requested) return null;
  return hold;
}

function isOwnPresence(session: PresenceSession | null, presence: TeamsPresence, now: string): boolean {
  return (
    session !== null &&
    Date.parse(session.expiresAt) > Date.parse(now) &&
    samePresence(session.presence, presence)
  );
}

function unchanged(ctx: Context, reason: string): TeamsToCcResult {
  return {
    decision: decision(ctx, 'no change', { kind: 'none' }, reason),
    hold: ctx.state.hold,
    request: null,
  };
}

function decision(ctx: Context, to: string, action: Decision['action'], reason: string): Decision {
  const from = `${ctx.presence.availability}/${ctx.presence.activity}`;
  return { agentId: ctx.agentId, at: ctx.now, direction: 'teams-to-cc', from, to, action, reason };
}
