// Properties of the rule engine (src/domain/teams-to-cc.ts, cc-to-teams.ts, teams-rules.ts), over the
// built-in profiles and generated ones: no echo, a manual change wins, sync only from the available state.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideCcToTeams } from '../../src/domain/cc-to-teams';
import { agentId } from '../../src/domain/ids';
import { isSettable, samePresence } from '../../src/domain/presence';
import type { PresenceProfile } from '../../src/domain/profile';
import { parseProfile } from '../../src/domain/profile-schema';
import { builtInProfiles } from '../../src/domain/profiles';
import { decideTeamsToCc, holdAfterCcState } from '../../src/domain/teams-to-cc';
import type { AgentSyncState, Hold } from '../../src/ports/store.port';
import { presenceArb, profileDocArb } from './arbitraries';
import { propertyTimeout, runs } from './fc-settings';

const A = agentId('A1');
const NOW = '2026-03-01T12:00:00.000Z';
const LATER = '2026-03-01T12:30:00.000Z';
const EARLIER = '2026-03-01T11:00:00.000Z';

const profileArb: fc.Arbitrary<PresenceProfile> = fc.oneof(
  fc.constantFrom(...builtInProfiles),
  profileDocArb.map((doc) => parseProfile(doc)),
);

/** A profile, one of its states (or an unknown one), and an agent sync state around it. */
const worldArb = profileArb.chain((profile) => {
  const states = Object.keys(profile.ccToTeams);
  const state = fc.oneof(fc.constantFrom(...states), fc.constant('Not A Profile State'));
  const hold: fc.Arbitrary<Hold | null> = fc.option(
    fc.record({
      requested: fc.constantFrom(...states),
      restoreTo: fc.constantFrom(...states),
      since: fc.constant(EARLIER),
    }),
    { nil: null },
  );
  const session = fc.option(
    fc.record({ presence: presenceArb, expiresAt: fc.constantFrom(LATER, EARLIER) }),
    { nil: null },
  );
  const syncState: fc.Arbitrary<AgentSyncState> = fc.record({
    agentId: fc.constant(A),
    ccState: fc.option(state, { nil: null }),
    ccStateAt: fc.constant(EARLIER),
    ccChangedBy: fc.constantFrom('agent' as const, 'system' as const, null),
    session,
    teams: fc.constant(null),
    hold,
  });
  return fc.record({ profile: fc.constant(profile), state: syncState, observed: presenceArb, next: state });
});

describe('property: the rule engine', function () {
  this.timeout(propertyTimeout);

  it('no echo: our own live presence coming back never produces a request (without a hold)', () => {
    fc.assert(
      fc.property(worldArb, ({ profile, state }) => {
        fc.pre(state.session !== null && state.session.expiresAt === LATER);
        const own = { ...state, hold: null };
        const observed = own.session?.presence ?? { availability: '', activity: '' };
        const result = decideTeamsToCc({ profile, agentId: A, state: own, observed, now: NOW });
        assert.equal(result.request, null);
        assert.equal(result.hold, null);
      }),
      runs(300),
    );
  });

  it('sync only from the available state: without a hold, any other state never requests', () => {
    fc.assert(
      fc.property(worldArb, ({ profile, state, observed }) => {
        fc.pre(state.ccState !== profile.availableState);
        const result = decideTeamsToCc({
          profile,
          agentId: A,
          state: { ...state, hold: null },
          observed,
          now: NOW,
        });
        assert.equal(result.request, null);
      }),
      runs(300),
    );
  });

  it('a request is always a profile state other than the current one, and restores only under a hold', () => {
    fc.assert(
      fc.property(worldArb, ({ profile, state, observed }) => {
        const result = decideTeamsToCc({ profile, agentId: A, state, observed, now: NOW });
        if (!result.request) return;
        assert.ok(Object.hasOwn(profile.ccToTeams, result.request.state));
        if ('restore' in result.request.cause) assert.ok(state.hold, 'a restore needs a hold');
        else assert.notEqual(result.request.state, state.ccState);
        assert.equal(result.decision.action.kind, 'requestState');
      }),
      runs(300),
    );
  });

  it('a Teams update not newer than the last one seen changes nothing', () => {
    fc.assert(
      fc.property(worldArb, fc.nat(50), fc.nat(50), ({ profile, state, observed }, seen, seq) => {
        fc.pre(seq <= seen);
        const last = {
          availability: 'Busy',
          activity: 'InACall',
          observedAt: EARLIER,
          sequenceNumber: `C${String(seen).padStart(3, '0')}`,
        };
        const input = { ...state, teams: last };
        const update = { ...observed, sequenceNumber: `C${String(seq).padStart(3, '0')}` };
        const result = decideTeamsToCc({ profile, agentId: A, state: input, observed: update, now: NOW });
        assert.equal(result.request, null);
        assert.deepEqual(result.hold, state.hold);
      }),
      runs(200),
    );
  });

  it('a manual change wins: it ends any hold, so no restore follows, and Teams shows the new state', () => {
    fc.assert(
      fc.property(worldArb, ({ profile, state, observed, next }) => {
        const hold = holdAfterCcState(state.hold, next, 'agent');
        assert.equal(hold, null);
        const after = { ...state, ccState: next, ccChangedBy: 'agent' as const, hold };
        const teams = decideTeamsToCc({ profile, agentId: A, state: after, observed, now: NOW });
        assert.ok(
          !teams.request || !('restore' in teams.request.cause),
          'never a restore after a manual change',
        );
        const target = Object.hasOwn(profile.ccToTeams, next) ? profile.ccToTeams[next] : undefined;
        const decision = decideCcToTeams({
          profile,
          agentId: A,
          state: next,
          previousState: null,
          linked: true,
          session: null,
          hold,
          now: NOW,
        });
        if (target?.kind === 'set')
          assert.deepEqual(decision.action, { kind: 'setPresence', presence: target.presence });
        else assert.notEqual(decision.action.kind, 'setPresence');
      }),
      runs(300),
    );
  });

  it('contact center → Teams only ever sets a settable presence, and never for an unlinked agent', () => {
    fc.assert(
      fc.property(worldArb, fc.boolean(), ({ profile, state, next }, linked) => {
        const decision = decideCcToTeams({
          profile,
          agentId: A,
          state: next,
          previousState: state.ccState,
          linked,
          session: state.session,
          hold: state.hold,
          now: NOW,
        });
        if (!linked) assert.equal(decision.action.kind, 'none');
        if (decision.action.kind === 'setPresence') {
          assert.ok(isSettable(decision.action.presence));
          const live = state.session?.expiresAt === LATER ? state.session.presence : null;
          assert.ok(
            state.ccState !== next || !live || !samePresence(live, decision.action.presence),
            'no repeat of a live session',
          );
        }
        if (decision.action.kind === 'clearPresence')
          assert.ok(state.session, 'clears only a session we hold');
      }),
      runs(300),
    );
  });
});
