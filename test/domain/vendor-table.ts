// Runs vendor mapping tables (copied from the seeds as data) against a profile.
import assert from 'node:assert/strict';
import { decideCcToTeams } from '../../src/domain/cc-to-teams';
import type { TeamsPresence } from '../../src/domain/presence';
import type { PresenceProfile } from '../../src/domain/profile';
import { A100, fromAvailable, NOW, presence, whileHolding } from './sync-fixture';

/** A contact-center → Teams row: the Teams pair to set, "noChange" or "clear". */
export type CcRow = readonly [ccState: string, expected: readonly [string, string] | 'noChange' | 'clear'];

/** A Teams → contact-center row: the seed's wording, the Graph pair it reads as, and the state (or null). */
export type TeamsRow = readonly [
  seedLabel: string,
  availability: string,
  activity: string,
  expected: string | null,
];

export function ccRowTitle([ccState, expected]: CcRow): string {
  return `${ccState} → ${typeof expected === 'string' ? expected : expected.join('/')}`;
}

export function assertCcRow(profile: PresenceProfile, [ccState, expected]: CcRow): void {
  const session = { presence: presence('Away', 'Away'), expiresAt: '2099-01-01T00:00:00.000Z' };
  const input = {
    profile,
    agentId: A100,
    state: ccState,
    previousState: null,
    linked: true,
    session,
    now: NOW,
  };
  const { action } = decideCcToTeams(input);
  if (expected === 'noChange') assert.deepEqual(action, { kind: 'none' });
  else if (expected === 'clear') assert.deepEqual(action, { kind: 'clearPresence' });
  else assert.deepEqual(action, { kind: 'setPresence', presence: presence(expected[0], expected[1]) });
}

export function assertTeamsRow(
  profile: PresenceProfile,
  [, availability, activity, expected]: TeamsRow,
): void {
  const observed: TeamsPresence = { availability, activity };
  const result = fromAvailable(profile, observed);
  if (expected === null || expected === profile.availableState) {
    assert.equal(result.request, null, result.decision.reason);
    assert.equal(result.hold, null);
    if (expected === null) return;
    // The restore trigger: it asks for nothing on its own, but ends a hold with a restore.
    const restored = whileHolding(profile, someRequestedState(profile), observed);
    assert.deepEqual(
      restored.request,
      { state: expected, cause: { restore: true } },
      restored.decision.reason,
    );
    return;
  }
  assert.deepEqual(result.request, { state: expected, cause: { teams: observed } }, result.decision.reason);
  assert.deepEqual(result.hold, { requested: expected, restoreTo: profile.availableState, since: NOW });
}

function someRequestedState(profile: PresenceProfile): string {
  const rule = profile.teamsToCc.find((r) => r.request !== null && r.request !== profile.availableState);
  assert.ok(rule?.request, 'the profile has a requesting rule');
  return rule.request;
}
