// 8x8 agent states, seed 000 ("Presence sync mapping"): both tables, row by row.
import assert from 'node:assert/strict';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { fromAvailable, presence } from './sync-fixture';
import { assertCcRow, ccRowTitle, assertTeamsRow, type CcRow, type TeamsRow } from './vendor-table';

// "8x8 Agent Workspace status → Microsoft Teams status"
const CC_TO_TEAMS: readonly CcRow[] = [
  ['Available', ['Available', 'Available']],
  ['Busy', ['Busy', 'InACall']], // "In a call"
  ['Work Offline', 'noChange'],
  ['Break', 'noChange'],
  ['Wrap-up', 'noChange'],
];

// "Microsoft Teams status → 8x8 Agent Workspace status"
const TEAMS_TO_CC: readonly TeamsRow[] = [
  ['Available', 'Available', 'Available', 'Available'],
  ['In a call', 'Busy', 'InACall', 'Work Offline'],
  ['Busy', 'Busy', 'Busy', null],
  ['Do not disturb', 'DoNotDisturb', 'DoNotDisturb', null],
  ['Appear offline', 'Offline', 'Offline', null],
  ['Be right back', 'BeRightBack', 'BeRightBack', null],
];

describe('8x8 profile (seed 000)', () => {
  describe('8x8 Agent Workspace → Teams', () => {
    for (const row of CC_TO_TEAMS) it(ccRowTitle(row), () => assertCcRow(eightByEight, row));
  });

  describe('Teams → 8x8 Agent Workspace, from Available', () => {
    for (const row of TEAMS_TO_CC) {
      it(`${row[0]} → ${row[3] ?? 'no change'}`, () => assertTeamsRow(eightByEight, row));
    }
  });

  describe('activity-level defaults (meetings are not calls)', () => {
    const rows: readonly TeamsRow[] = [
      ['In a conference call', 'Busy', 'InAConferenceCall', 'Work Offline'],
      ['In a meeting', 'Busy', 'InAMeeting', null],
      ['Presenting', 'DoNotDisturb', 'Presenting', null],
      ['Focusing', 'DoNotDisturb', 'Focusing', null],
    ];
    for (const row of rows)
      it(`${row[0]} → ${row[3] ?? 'no change'}`, () => assertTeamsRow(eightByEight, row));

    it('says in words that Teams Busy changes nothing', () => {
      const { decision } = fromAvailable(eightByEight, presence('Busy', 'Busy'));
      assert.equal(decision.reason, 'Teams Busy → no change (8x8 profile)');
      assert.equal(decision.to, 'no change');
      assert.equal(decision.from, 'Busy/Busy');
    });
  });
});
