// Shared test helpers for the presence-sync domain: agent states, and a small driver that applies contact-center
// states and Teams observations the way the sync engine does, so scenarios read as sequences.
import { decideCcToTeams } from '../../src/domain/cc-to-teams';
import type { Decision } from '../../src/domain/decision';
import { agentId } from '../../src/domain/ids';
import type { TeamsPresence } from '../../src/domain/presence';
import type { PresenceProfile } from '../../src/domain/profile';
import { decideTeamsToCc, holdAfterCcState, type TeamsToCcResult } from '../../src/domain/teams-to-cc';
import type { AgentSyncState, PresenceSession } from '../../src/ports/store.port';
import { emptySyncState } from '../../src/sync/inbox-plan';

export const A100 = agentId('A100');
export const NOW = '2025-06-02T09:00:00.000Z';
export const SOON = '2025-06-02T09:05:00.000Z';
export const EARLIER = '2025-06-02T08:55:00.000Z';

export function presence(availability: string, activity: string): TeamsPresence {
  return { availability, activity };
}

export function syncState(overrides: Partial<AgentSyncState> = {}): AgentSyncState {
  return { ...emptySyncState(A100), ...overrides };
}

export function liveSession(p: TeamsPresence): PresenceSession {
  return { presence: p, expiresAt: SOON };
}

/** Drives one agent through a scenario; the clock is a counter so every step has its own time. */
export class AgentScenario {
  state: AgentSyncState = syncState();
  private minute = 0;

  constructor(readonly profile: PresenceProfile) {}

  private tick(): string {
    this.minute += 1;
    return new Date(Date.parse(NOW) + this.minute * 60_000).toISOString();
  }

  cc(state: string, changedBy?: 'agent' | 'system'): Decision {
    const now = this.tick();
    const hold = holdAfterCcState(this.state.hold, state, changedBy);
    const decision = decideCcToTeams({
      profile: this.profile,
      agentId: A100,
      state,
      previousState: this.state.ccState,
      linked: true,
      session: this.state.session,
      now,
      hold,
    });
    const { action } = decision;
    const expiresAt = new Date(Date.parse(now) + 5 * 60_000).toISOString();
    let session = this.state.session;
    if (action.kind === 'setPresence') session = { presence: action.presence, expiresAt };
    if (action.kind === 'clearPresence') session = null;
    this.state = {
      ...this.state,
      ccState: state,
      ccStateAt: now,
      ccChangedBy: changedBy ?? null,
      session,
      hold,
    };
    return decision;
  }

  teams(observed: TeamsPresence & { sequenceNumber?: string }): TeamsToCcResult {
    const now = this.tick();
    const result = decideTeamsToCc({
      profile: this.profile,
      agentId: A100,
      state: this.state,
      observed,
      now,
    });
    if (result.decision.reason.includes('ignored')) return result;
    this.state = { ...this.state, teams: { ...observed, observedAt: now }, hold: result.hold };
    return result;
  }
}

/** What a Teams presence does for an agent in the profile's available state with no hold. */
export function fromAvailable(profile: PresenceProfile, p: TeamsPresence): TeamsToCcResult {
  const state = syncState({
    ccState: profile.availableState,
    session: liveSession(presence('Available', 'Available')),
  });
  return decideTeamsToCc({ profile, agentId: A100, state, observed: p, now: NOW });
}

/** What a Teams presence does while we hold the agent in `requested` (confirmed by the contact center). */
export function whileHolding(profile: PresenceProfile, requested: string, p: TeamsPresence): TeamsToCcResult {
  const hold = { requested, restoreTo: profile.availableState, since: EARLIER };
  const state = syncState({
    ccState: requested,
    hold,
    session: liveSession(presence('Available', 'Available')),
  });
  return decideTeamsToCc({ profile, agentId: A100, state, observed: p, now: NOW });
}
