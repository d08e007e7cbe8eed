// Properties of the presence-profile loader (src/domain/profile-schema.ts): whatever document arrives (a file,
// PUT /api/admin/mapping), parseProfile either compiles it or throws invalid_profile naming the problems;
// every valid generated profile loads, and round-trips through its document form.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodedError } from '../../src/domain/errors';
import { isSettable } from '../../src/domain/presence';
import { parseProfile, profileToDocument } from '../../src/domain/profile-schema';
import { builtInProfiles } from '../../src/domain/profiles';
import { profileDocArb } from './arbitraries';
import { propertyTimeout, runs } from './fc-settings';

function loadsOrRefuses(doc: unknown): void {
  try {
    parseProfile(doc);
  } catch (error) {
    assert.ok(error instanceof CodedError, `threw ${String(error)}`);
    assert.equal(error.code, 'invalid_profile');
    assert.ok(error.message.startsWith('The presence profile is invalid: '));
  }
}

/** A valid document with one part replaced by anything: near misses reach the deeper checks. */
const nearMiss = fc
  .tuple(
    profileDocArb,
    fc.constantFrom('id', 'displayName', 'availableState', 'ccToTeams', 'teamsToCc', 'directory', 'extra'),
    fc.jsonValue(),
  )
  .map(([doc, key, value]) => ({ ...doc, [key]: value }));

describe('property: the profile loader', function () {
  this.timeout(propertyTimeout);

  it('never throws anything but invalid_profile, for any JSON or any near miss', () => {
    fc.assert(fc.property(fc.jsonValue(), loadsOrRefuses), runs(300));
    fc.assert(fc.property(nearMiss, loadsOrRefuses), runs(300));
  });

  it('loads every valid generated profile, with each state and only settable presences', () => {
    fc.assert(
      fc.property(profileDocArb, (doc) => {
        const profile = parseProfile(doc);
        assert.deepEqual(Object.keys(profile.ccToTeams).sort(), Object.keys(doc.ccToTeams).sort());
        assert.ok(Object.hasOwn(profile.ccToTeams, profile.availableState));
        for (const target of Object.values(profile.ccToTeams))
          if (target.kind === 'set') assert.ok(isSettable(target.presence));
        for (const rule of profile.teamsToCc)
          if (rule.request !== null) assert.ok(Object.hasOwn(profile.ccToTeams, rule.request));
      }),
      runs(200),
    );
  });

  it('round-trips: document → profile → document → the same profile (generated and built-in)', () => {
    for (const builtIn of builtInProfiles)
      assert.deepEqual(parseProfile(profileToDocument(builtIn)), builtIn);
    // fast-check's first find: a state named "toString" came back as {"base": Object.prototype.toString}.
    const toString = parseProfile({
      id: 'acme',
      displayName: 'Acme',
      availableState: 'toString',
      ccToTeams: {
        toString: { availability: 'Available', activity: 'Available' },
        Ready: { base: 'toString' },
      },
      teamsToCc: [],
    });
    assert.deepEqual(parseProfile(profileToDocument(toString)), toString);
    fc.assert(
      fc.property(profileDocArb, (doc) => {
        const profile = parseProfile(doc);
        assert.deepEqual(parseProfile(JSON.parse(JSON.stringify(profileToDocument(profile)))), profile);
      }),
      runs(200),
    );
  });
});
