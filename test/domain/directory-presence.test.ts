// 8x8 directory (UC) presence, seed 001 ("Presence Status Mapping"): both tables, row by row.
import assert from 'node:assert/strict';
import { teamsToVendorPresence, vendorPresenceToTeams } from '../../src/domain/directory-presence';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { vonage } from '../../src/domain/profiles/vonage';
import { presence } from './sync-fixture';

// "Presence Status Mapping from Microsoft Teams": seed wording, the Graph pair it reads as, 8x8 presence.
const TEAMS_TO_8X8: readonly (readonly [string, string, string, string])[] = [
  ['Available', 'Available', 'Available', 'Available'],
  ['Available, Out of Office', 'Available', 'OutOfOffice', 'Available'],
  ['Busy', 'Busy', 'Busy', 'Busy'],
  ['On a call', 'Busy', 'InACall', 'onCall'],
  ['In a meeting', 'Busy', 'InAMeeting', 'onCall'],
  // Out of office is a separate flag (outOfOfficeSettings), so this reads as a plain call.
  ['On a call, out of office', 'Busy', 'InACall', 'onCall'],
  ['Do not disturb', 'DoNotDisturb', 'DoNotDisturb', 'doNotDisturb'],
  ['Presenting', 'DoNotDisturb', 'Presenting', 'doNotDisturb'],
  ['Focusing', 'DoNotDisturb', 'Focusing', 'doNotDisturb'],
  ['Away', 'Away', 'Away', 'away'],
  ['Be right back', 'BeRightBack', 'BeRightBack', 'away'],
  ['Offline', 'Offline', 'Offline', 'offline'],
  ['Status unknown', 'PresenceUnknown', 'PresenceUnknown', 'offline'],
  ['Out of Office', 'Offline', 'OutOfOffice', 'offline'],
];

// "Presence Status Mapping from 8x8": only onCall syncs.
const EIGHT_BY_EIGHT_TO_TEAMS: readonly (readonly [string, readonly [string, string] | 'no sync'])[] = [
  ['Available', 'no sync'],
  ['Busy', 'no sync'],
  ['onCall', ['Busy', 'InACall']], // "On a call"
  ['doNotDisturb', 'no sync'],
  ['away', 'no sync'],
  ['offline', 'no sync'],
];

describe('8x8 directory presence (seed 001)', () => {
  describe('Teams → 8x8 presence', () => {
    for (const [label, availability, activity, expected] of TEAMS_TO_8X8) {
      it(`${label} → ${expected}`, () => {
        assert.equal(teamsToVendorPresence(eightByEight, presence(availability, activity)), expected);
      });
    }
  });

  describe('8x8 presence → Teams', () => {
    for (const [vendor, expected] of EIGHT_BY_EIGHT_TO_TEAMS) {
      it(`${vendor} → ${typeof expected === 'string' ? expected : expected.join('/')}`, () => {
        const target = vendorPresenceToTeams(eightByEight, vendor);
        if (expected === 'no sync') assert.deepEqual(target, { kind: 'noChange' });
        else assert.deepEqual(target, { kind: 'set', presence: presence(expected[0], expected[1]) });
      });
    }
  });

  it('answers null for an unknown 8x8 presence and for a profile without a directory', () => {
    assert.equal(vendorPresenceToTeams(eightByEight, 'lunch'), null);
    assert.equal(vendorPresenceToTeams(eightByEight, 'toString'), null);
    assert.equal(vendorPresenceToTeams(vonage, 'onCall'), null);
    assert.equal(teamsToVendorPresence(vonage, presence('Busy', 'InACall')), null);
  });
});
