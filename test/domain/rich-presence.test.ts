// Issue #10 part 3: status messages per state and the end-of-shift preferred presence, as profile data
// (validated with path-named problems) and as the pure plan of Graph calls, with readable reasons.
import assert from 'node:assert/strict';
import { CodedError } from '../../src/domain/errors';
import { parseProfile, profileToDocument } from '../../src/domain/profile-schema';
import { dynamics365 } from '../../src/domain/profiles/dynamics365';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import {
  afterRichStep,
  NO_RICH_PRESENCE,
  planRichPresence,
  type AppliedRichPresence,
} from '../../src/domain/rich-presence';

const NOW = Date.parse('2026-12-01T10:00:00.000Z');
const OFF_WORK = { availability: 'Offline', activity: 'OffWork' };

const ACME = {
  id: 'acme',
  displayName: 'Acme',
  availableState: 'Ready',
  ccToTeams: {
    Ready: { availability: 'Available', activity: 'Available' },
    Lunch: 'noChange',
    'Logged out': 'clear',
  },
  teamsToCc: [],
};

function problems(doc: unknown): string[] {
  try {
    parseProfile(doc);
  } catch (error) {
    assert.ok(error instanceof CodedError);
    assert.equal(error.code, 'invalid_profile');
    return (error.details as unknown[]).map(String);
  }
  return [];
}

/** The 8x8 profile with a message for Wrap-up too, as an admin may add one. */
const withWrapUpMessage = {
  ...eightByEight,
  statusMessages: { ...eightByEight.statusMessages, 'Wrap-up': { message: 'Wrap-up' } },
};

const plan = (profile = eightByEight, state: string | null, applied = NO_RICH_PRESENCE) =>
  planRichPresence({ profile, state, applied, now: NOW });

describe('rich presence profile data', () => {
  it('accepts status messages and a shift end, and round-trips them through GET → PUT', () => {
    const doc = {
      ...ACME,
      statusMessages: { Lunch: { message: 'At lunch, back soon', expiresAfterMinutes: 60 } },
      shiftEnd: { states: ['Logged out'], preferredPresence: OFF_WORK },
    };
    const profile = parseProfile(doc);
    assert.deepEqual(profile.statusMessages, {
      Lunch: { message: 'At lunch, back soon', expiresAfterMinutes: 60 },
    });
    assert.deepEqual(profile.shiftEnd, { states: ['Logged out'], presence: OFF_WORK });
    assert.deepEqual(profileToDocument(profile), doc);
  });

  const cases: [string, Record<string, unknown>, string][] = [
    [
      'an empty message',
      { statusMessages: { Lunch: { message: '  ' } } },
      'statusMessages.Lunch.message: must not be empty',
    ],
    [
      'a message over 280 characters',
      { statusMessages: { Lunch: { message: 'x'.repeat(281) } } },
      'statusMessages.Lunch.message: must be at most 280 characters (the Teams limit for a status message)',
    ],
    [
      'a fractional expiry',
      { statusMessages: { Lunch: { message: 'a', expiresAfterMinutes: 1.5 } } },
      'statusMessages.Lunch.expiresAfterMinutes: must be a whole number of minutes',
    ],
    [
      'an expiry over 7 days',
      { statusMessages: { Lunch: { message: 'a', expiresAfterMinutes: 10081 } } },
      'statusMessages.Lunch.expiresAfterMinutes: must be at most 10080 minutes (7 days)',
    ],
    [
      'a message for an unknown state',
      { statusMessages: { Brake: { message: 'a' } } },
      'statusMessages.Brake: "Brake" is not a state in ccToTeams; known states are "Ready", "Lunch", "Logged out"',
    ],
    [
      'an unknown field in a message',
      { statusMessages: { Lunch: { text: 'a', message: 'a' } } },
      'statusMessages.Lunch: unknown field "text" (check the spelling)',
    ],
    [
      'a shift end without states',
      { shiftEnd: { states: [], preferredPresence: OFF_WORK } },
      'shiftEnd.states: must name at least one state',
    ],
    [
      'a shift end in the available state',
      { shiftEnd: { states: ['Ready'], preferredPresence: OFF_WORK } },
      'shiftEnd.states[0]: "Ready" is the availableState: a shift cannot end in it',
    ],
    [
      'a shift end in an unknown state',
      { shiftEnd: { states: ['Gone'], preferredPresence: OFF_WORK } },
      'shiftEnd.states[0]: "Gone" is not a state in ccToTeams; known states are "Ready", "Lunch", "Logged out"',
    ],
    [
      'a preferred pair Graph does not allow',
      {
        shiftEnd: {
          states: ['Logged out'],
          preferredPresence: { availability: 'Offline', activity: 'Offline' },
        },
      },
      'shiftEnd.preferredPresence: "Offline/Offline" is not a presence Graph can prefer; preferred pairs are ' +
        'Available/Available, Busy/Busy, DoNotDisturb/DoNotDisturb, BeRightBack/BeRightBack, Away/Away, Offline/OffWork',
    ],
  ];
  for (const [what, change, expected] of cases) {
    it(`names the path of ${what}`, () => {
      assert.deepEqual(problems({ ...ACME, ...change }), [expected]);
    });
  }

  it('gives the built-in profiles the seeds’ defaults', () => {
    assert.deepEqual(eightByEight.statusMessages, {
      Break: { message: 'On break, back soon' },
    });
    assert.equal(eightByEight.shiftEnd, undefined);
    assert.deepEqual(dynamics365.shiftEnd, { states: ['Offline'], presence: OFF_WORK });
  });
});

describe('planRichPresence', () => {
  it('sets the state’s status message with a reason, then clears it when the state ends', () => {
    const set = plan(eightByEight, 'Break');
    assert.deepEqual(set.steps, [
      {
        action: { kind: 'setStatusMessage', message: 'On break, back soon' },
        reason: "Agent went Break → status message 'On break, back soon' (8x8 profile)",
      },
    ]);
    const applied = afterRichStep(NO_RICH_PRESENCE, set.steps[0]!.action, NOW);
    assert.deepEqual(plan(eightByEight, 'Break', applied).steps, [], 'a repeated state makes no call');
    assert.deepEqual(plan(eightByEight, 'Available', applied).steps, [
      {
        action: { kind: 'clearStatusMessage' },
        reason: "Agent went Available → status message 'On break, back soon' cleared (8x8 profile)",
      },
    ]);
  });

  it('replaces one state’s message with the next state’s in one call', () => {
    const applied: AppliedRichPresence = {
      statusMessage: { message: 'On break, back soon' },
      preferredPresence: null,
    };
    assert.deepEqual(
      plan(withWrapUpMessage, 'Wrap-up', applied).steps.map((s) => s.action),
      [{ kind: 'setStatusMessage', message: 'Wrap-up' }],
    );
  });

  it('forgets a message Graph already let expire without a call, and keeps an expired one while the state holds', () => {
    const profile = parseProfile({
      ...ACME,
      statusMessages: { Lunch: { message: 'Lunch', expiresAfterMinutes: 30 } },
    });
    const set = plan(profile, 'Lunch');
    assert.deepEqual(set.steps[0]?.action, {
      kind: 'setStatusMessage',
      message: 'Lunch',
      expiresAfterMinutes: 30,
    });
    const applied = afterRichStep(NO_RICH_PRESENCE, set.steps[0]!.action, NOW - 60 * 60_000);
    assert.equal(applied.statusMessage?.expiresAt, '2026-12-01T09:30:00.000Z');
    assert.deepEqual(plan(profile, 'Lunch', applied), { start: applied, steps: [] });
    assert.deepEqual(plan(profile, 'Ready', applied), { start: NO_RICH_PRESENCE, steps: [] });
  });

  it('prefers Offline/OffWork at shift end and clears it at the next shift start (seed 004)', () => {
    const end = plan(dynamics365, 'Offline');
    assert.deepEqual(end.steps, [
      {
        action: { kind: 'setPreferredPresence', presence: OFF_WORK },
        reason:
          'Agent went Offline: shift ended → Teams shows Offline even with Teams open (Dynamics 365 profile)',
      },
    ]);
    const applied = afterRichStep(NO_RICH_PRESENCE, end.steps[0]!.action, NOW);
    assert.deepEqual(plan(dynamics365, 'Offline', applied).steps, []);
    assert.deepEqual(plan(dynamics365, 'Available', applied).steps, [
      {
        action: { kind: 'clearPreferredPresence' },
        reason:
          "Agent went Available: shift started → preferred presence Offline cleared, Teams shows the agent's presence again (Dynamics 365 profile)",
      },
    ]);
  });

  it('clears both when the agent has no contact-center state any more', () => {
    const applied: AppliedRichPresence = {
      statusMessage: { message: 'Wrap-up' },
      preferredPresence: OFF_WORK,
    };
    assert.deepEqual(
      plan(dynamics365, null, applied).steps.map((s) => s.action.kind),
      ['clearStatusMessage', 'clearPreferredPresence'],
    );
  });

  it('does nothing for a profile without rich presence', () => {
    assert.deepEqual(plan(parseProfile(ACME), 'Lunch').steps, []);
  });
});
