// Vonage Contact Center, seed 003 ("Presence mappings"): both default tables, row by row.
import assert from 'node:assert/strict';
import { decideCcToTeams } from '../../src/domain/cc-to-teams';
import { isSettable } from '../../src/domain/presence';
import { vonage } from '../../src/domain/profiles/vonage';
import { A100, liveSession, NOW, presence } from './sync-fixture';
import { assertCcRow, assertTeamsRow, ccRowTitle, type CcRow, type TeamsRow } from './vendor-table';

// "Default VCC agent to Teams presence mapping"
const CC_TO_TEAMS: readonly CcRow[] = [
  ['Ready', ['Available', 'Available']],
  ['Away', ['Away', 'Away']],
  ['Extended Away', ['Away', 'Away']],
  // The seed says Busy/Busy, which setPresence refuses; the profile uses the closest settable pair.
  ['Not Available', ['Busy', 'InACall']],
  ['Logged out', 'clear'], // blank in the seed: Teams shows the user's own presence
];

// "Default Teams to VCC agent presence mapping" (Teams availability → VCC agent state)
const TEAMS_TO_CC: readonly TeamsRow[] = [
  ['Available', 'Available', 'Available', 'Ready'],
  ['Busy', 'Busy', 'Busy', 'Extended Away'],
  ['Do not disturb', 'DoNotDisturb', 'DoNotDisturb', 'Away'],
  ['Away', 'Away', 'Away', 'Away'],
  ['Be right back', 'BeRightBack', 'BeRightBack', 'Away'],
  ['Offline', 'Offline', 'Offline', null],
  ['Presence unknown', 'PresenceUnknown', 'PresenceUnknown', null],
];

describe('Vonage profile (seed 003)', () => {
  describe('VCC agent state → Teams', () => {
    for (const row of CC_TO_TEAMS) it(ccRowTitle(row), () => assertCcRow(vonage, row));
  });

  describe('Teams → VCC agent state, from Ready', () => {
    for (const row of TEAMS_TO_CC)
      it(`${row[0]} → ${row[3] ?? 'no change'}`, () => assertTeamsRow(vonage, row));
  });

  it('never sets the unsettable Busy/Busy the seed lists', () => {
    assert.equal(isSettable(presence('Busy', 'Busy')), false);
    for (const target of Object.values(vonage.ccToTeams)) {
      if (target.kind === 'set') assert.ok(isSettable(target.presence), JSON.stringify(target));
    }
  });

  it('says that Logged out hands Teams back to the user', () => {
    const decision = decideCcToTeams({
      profile: vonage,
      agentId: A100,
      state: 'Logged out',
      previousState: 'Ready',
      linked: true,
      session: liveSession(presence('Available', 'Available')),
      now: NOW,
    });
    assert.equal(
      decision.reason,
      "Agent went Logged out → Teams shows the user's own presence again (Vonage profile)",
    );
    assert.equal(decision.to, "user's own presence");
  });
});
