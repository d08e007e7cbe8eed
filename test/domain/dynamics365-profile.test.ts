// Dynamics 365, seed 004: the base presence statuses, the custom-state example ("In a Meeting" → Busy), and
// the Teams → Dynamics 365 rules.
import assert from 'node:assert/strict';
import { decideCcToTeams } from '../../src/domain/cc-to-teams';
import { dynamics365 } from '../../src/domain/profiles/dynamics365';
import { A100, NOW } from './sync-fixture';
import { assertCcRow, assertTeamsRow, ccRowTitle, type CcRow, type TeamsRow } from './vendor-table';

// Base statuses; Busy is "Busy – On a Call" in both Dynamics 365 and Teams; Offline is pushed at shift end.
const CC_TO_TEAMS: readonly CcRow[] = [
  ['Available', ['Available', 'Available']],
  ['Busy', ['Busy', 'InACall']],
  ['Busy-DND', ['DoNotDisturb', 'Presenting']],
  ['Away', ['Away', 'Away']],
  ['Offline', 'clear'],
  // Step 5: "ensure your custom statuses (e.g., 'In a Meeting') are mapped to the correct base statuses (e.g., 'Busy')"
  ['In a Meeting', ['Busy', 'InACall']],
];

// The seed gives no Teams → Dynamics 365 table; these are the profile's defaults (calls and meetings are Busy,
// presenting, focusing and DND are Busy-DND, Available restores).
const TEAMS_TO_CC: readonly TeamsRow[] = [
  ['In a call', 'Busy', 'InACall', 'Busy'],
  ['In a conference call', 'Busy', 'InAConferenceCall', 'Busy'],
  ['In a meeting', 'Busy', 'InAMeeting', 'Busy'],
  ['Presenting', 'DoNotDisturb', 'Presenting', 'Busy-DND'],
  ['Focusing', 'DoNotDisturb', 'Focusing', 'Busy-DND'],
  ['Do not disturb', 'DoNotDisturb', 'DoNotDisturb', 'Busy-DND'],
  ['Available', 'Available', 'Available', 'Available'],
  ['Busy', 'Busy', 'Busy', null],
  ['Away', 'Away', 'Away', null],
  ['Be right back', 'BeRightBack', 'BeRightBack', null],
  ['Offline', 'Offline', 'Offline', null],
];

describe('Dynamics 365 profile (seed 004)', () => {
  describe('Dynamics 365 presence → Teams', () => {
    for (const row of CC_TO_TEAMS) it(ccRowTitle(row), () => assertCcRow(dynamics365, row));
  });

  describe('Teams → Dynamics 365 presence, from Available', () => {
    for (const row of TEAMS_TO_CC) {
      it(`${row[0]} → ${row[3] ?? 'no change'}`, () => assertTeamsRow(dynamics365, row));
    }
  });

  it('records that In a Meeting goes through its base status', () => {
    assert.deepEqual(dynamics365.baseOf, { 'In a Meeting': 'Busy' });
    const decision = decideCcToTeams({
      profile: dynamics365,
      agentId: A100,
      state: 'In a Meeting',
      previousState: 'Available',
      linked: true,
      session: null,
      now: NOW,
    });
    assert.equal(decision.reason, 'Agent went In a Meeting (Busy) → Teams In a call (Dynamics 365 profile)');
    assert.equal(decision.from, 'In a Meeting');
  });
});
