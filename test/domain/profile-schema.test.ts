// Profile documents: validation (every problem, with its JSON path), compilation, and GET → PUT round trips.
import assert from 'node:assert/strict';
import { CodedError } from '../../src/domain/errors';
import { parseProfile, profileToDocument } from '../../src/domain/profile-schema';
import { builtInProfile, builtInProfiles } from '../../src/domain/profiles';
import { dynamics365Document } from '../../src/domain/profiles/dynamics365';
import { eightByEightDocument } from '../../src/domain/profiles/eight-by-eight';
import { vonageDocument } from '../../src/domain/profiles/vonage';

const ACME = {
  id: 'acme',
  displayName: 'Acme',
  availableState: 'Ready',
  ccToTeams: {
    Ready: { availability: 'Available', activity: 'Available' },
    'On Call': { availability: 'Busy', activity: 'InACall' },
    Lunch: 'noChange',
    'Logged out': 'clear',
    'In a Meeting': { base: 'On Call' },
  },
  teamsToCc: [
    { activity: 'InACall', request: 'Lunch' },
    { availability: 'DoNotDisturb', request: null },
    { availability: 'Available', request: 'Ready' },
  ],
};

/** The details of the invalid_profile error parseProfile throws for this document. */
function problems(doc: unknown): string[] {
  try {
    parseProfile(doc);
  } catch (error) {
    assert.ok(error instanceof CodedError);
    assert.equal(error.code, 'invalid_profile');
    assert.ok(Array.isArray(error.details));
    return error.details.map(String);
  }
  assert.fail('parseProfile accepted an invalid profile');
}

function withAcme(changes: Record<string, unknown>): unknown {
  return { ...ACME, ...changes };
}

describe('parseProfile', () => {
  it('compiles a valid document, custom states through their base', () => {
    const profile = parseProfile(ACME);
    assert.equal(profile.availableState, 'Ready');
    assert.deepEqual(profile.ccToTeams['In a Meeting'], profile.ccToTeams['On Call']);
    assert.deepEqual(profile.ccToTeams['Logged out'], { kind: 'clear' });
    assert.deepEqual(profile.ccToTeams.Lunch, { kind: 'noChange' });
    assert.deepEqual(profile.baseOf, { 'In a Meeting': 'On Call' });
    assert.deepEqual(profile.teamsToCc[0], { match: { activity: 'InACall' }, request: 'Lunch' });
    assert.equal(profile.directory, undefined);
  });

  const INVALID: readonly (readonly [string, unknown, string])[] = [
    [
      'a presence Graph cannot set',
      withAcme({
        ccToTeams: { ...ACME.ccToTeams, 'On Call': { availability: 'Busy', activity: 'Available' } },
      }),
      'ccToTeams["On Call"]: "Busy/Available" is not a presence Graph can set; settable pairs are Available/Available, Busy/InACall, Busy/InAConferenceCall, Away/Away, DoNotDisturb/Presenting',
    ],
    [
      'an unknown base state',
      withAcme({ ccToTeams: { ...ACME.ccToTeams, 'In a Meeting': { base: 'Meeting' } } }),
      'ccToTeams["In a Meeting"].base: "Meeting" is not a state in ccToTeams',
    ],
    [
      'a base that is itself custom',
      withAcme({ ccToTeams: { ...ACME.ccToTeams, Training: { base: 'In a Meeting' } } }),
      'ccToTeams.Training.base: "In a Meeting" is itself a custom state (based on "On Call"); name a base state directly',
    ],
    [
      'a cycle of base states',
      withAcme({ ccToTeams: { ...ACME.ccToTeams, A: { base: 'B' }, B: { base: 'A' } } }),
      'ccToTeams.A.base: "B" leads back to "A" (a cycle)',
    ],
    [
      'a state based on itself',
      withAcme({ ccToTeams: { ...ACME.ccToTeams, Lunch: { base: 'Lunch' } } }),
      'ccToTeams.Lunch.base: "Lunch" names itself',
    ],
    [
      'an unknown available state',
      withAcme({ availableState: 'Available' }),
      'availableState: "Available" is not a state',
    ],
    [
      'a rule requesting an unknown state',
      withAcme({ teamsToCc: [...ACME.teamsToCc, { activity: 'Presenting', request: 'Not Ready' }] }),
      'teamsToCc[3].request: "Not Ready" is not a state in ccToTeams',
    ],
    [
      'a rule that matches nothing',
      withAcme({ teamsToCc: [{ request: 'Lunch' }] }),
      'teamsToCc[0]: matches nothing: give "availability", "activity" or both',
    ],
    [
      'a target of the wrong shape',
      withAcme({ ccToTeams: { ...ACME.ccToTeams, Lunch: 'nochange' } }),
      'ccToTeams.Lunch: must be "noChange", "clear"',
    ],
    [
      'a misspelt field',
      withAcme({ teamsToCC: [] }),
      '(the profile): unknown field "teamsToCC" (check the spelling)',
    ],
    ['a missing field', { ...ACME, teamsToCc: undefined }, 'teamsToCc: is missing'],
    ['a field of the wrong type', withAcme({ teamsToCc: {} }), 'teamsToCc: must be a list, not object'],
    ['an empty id', withAcme({ id: '  ' }), 'id: must not be empty'],
    ['not an object at all', null, '(the profile): must be an object, not null'],
    [
      'a directory presence Graph cannot set',
      withAcme({
        directory: { teamsToVendor: [], vendorToTeams: { busy: { availability: 'Busy', activity: 'Busy' } } },
      }),
      'directory.vendorToTeams.busy: "Busy/Busy" is not a presence Graph can set',
    ],
    [
      'a directory rule that matches nothing',
      withAcme({ directory: { teamsToVendor: [{ presence: 'away' }], vendorToTeams: {} } }),
      'directory.teamsToVendor[0]: matches nothing',
    ],
  ];

  for (const [kind, doc, expected] of INVALID) {
    it(`rejects ${kind}, naming the path`, () => {
      const found = problems(doc);
      assert.ok(
        found.some((p) => p.startsWith(expected)),
        `expected a problem starting with ${JSON.stringify(expected)}, got ${JSON.stringify(found)}`,
      );
    });
  }

  it('lists every problem at once and sums them up in the message', () => {
    const doc = withAcme({
      availableState: 'Open',
      teamsToCc: [{ request: 'Lunch' }, { activity: 'InACall', request: 'Closed' }],
    });
    assert.deepEqual(
      problems(doc).map((p) => p.slice(0, p.indexOf(':'))),
      ['availableState', 'teamsToCc[0]', 'teamsToCc[1].request'],
    );
    assert.throws(
      () => parseProfile(doc),
      /^CodedError: The presence profile is invalid: availableState: .* \(and 2 more\)$/,
    );
  });

  it('does not mistake Object.prototype members for states', () => {
    assert.ok(
      problems(withAcme({ availableState: 'toString' })).some((p) => p.startsWith('availableState:')),
    );
    const based = withAcme({ ccToTeams: { ...ACME.ccToTeams, Lunch: { base: 'constructor' } } });
    assert.ok(
      problems(based).some((p) => p.startsWith('ccToTeams.Lunch.base: "constructor" is not a state')),
    );
  });
});

describe('profileToDocument', () => {
  it('round-trips every built-in profile, through JSON as the admin API does', () => {
    for (const profile of builtInProfiles) {
      const json = JSON.parse(JSON.stringify(profileToDocument(profile))) as unknown;
      assert.deepEqual(parseProfile(json), profile, profile.id);
    }
  });

  it('gives back the document a profile was written as', () => {
    for (const doc of [eightByEightDocument, vonageDocument, dynamics365Document, ACME]) {
      assert.deepEqual(profileToDocument(parseProfile(doc)), doc, doc.id);
    }
  });
});

describe('builtInProfile', () => {
  it('finds the built-in profiles by id', () => {
    assert.equal(builtInProfile('8x8')?.displayName, '8x8');
    assert.equal(builtInProfile('vonage')?.displayName, 'Vonage');
    assert.equal(builtInProfile('dynamics365')?.displayName, 'Dynamics 365');
    assert.equal(builtInProfile('genesys'), null);
  });
});
