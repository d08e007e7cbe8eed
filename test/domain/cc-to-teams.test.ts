// Contact center → Teams decisions: actions, and reasons a person can read.
import assert from 'node:assert/strict';
import { decideCcToTeams, type CcToTeamsInput } from '../../src/domain/cc-to-teams';
import { dynamics365 } from '../../src/domain/profiles/dynamics365';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { vonage } from '../../src/domain/profiles/vonage';
import { A100, EARLIER, liveSession, NOW, presence } from './sync-fixture';

function input(overrides: Partial<CcToTeamsInput>): CcToTeamsInput {
  return {
    profile: eightByEight,
    agentId: A100,
    state: 'Busy',
    previousState: 'Available',
    linked: true,
    session: liveSession(presence('Available', 'Available')),
    now: NOW,
    ...overrides,
  };
}

describe('decideCcToTeams', () => {
  it('sets the mapped presence and says so', () => {
    const decision = decideCcToTeams(input({}));
    assert.deepEqual(decision, {
      agentId: A100,
      at: NOW,
      direction: 'cc-to-teams',
      from: 'Busy',
      to: 'In a call',
      action: { kind: 'setPresence', presence: presence('Busy', 'InACall') },
      reason: 'Agent went Busy → Teams In a call (8x8 profile)',
    });
  });

  it('makes no Graph call for a noChange state', () => {
    const decision = decideCcToTeams(input({ state: 'Wrap-up', previousState: 'Busy' }));
    assert.deepEqual(decision.action, { kind: 'none' });
    assert.equal(decision.to, 'no change');
    assert.equal(decision.reason, 'Agent went Wrap-up → no change to Teams (8x8 profile)');
  });

  it('does nothing for an agent that is not linked', () => {
    const decision = decideCcToTeams(input({ linked: false }));
    assert.deepEqual(decision.action, { kind: 'none' });
    assert.equal(decision.reason, 'Agent A100 is not linked to a Teams user');
  });

  it('does nothing for a state the profile does not know', () => {
    for (const state of ['Lunch', 'toString', 'busy']) {
      const decision = decideCcToTeams(input({ state }));
      assert.deepEqual(decision.action, { kind: 'none' });
      assert.equal(decision.reason, `State '${state}' is not in the 8x8 profile`);
    }
  });

  it('clears our session for a clear state', () => {
    const decision = decideCcToTeams(input({ profile: vonage, state: 'Logged out', previousState: 'Ready' }));
    assert.deepEqual(decision.action, { kind: 'clearPresence' });
    assert.equal(decision.to, "user's own presence");
  });

  it('has nothing to clear without a session', () => {
    const decision = decideCcToTeams(input({ profile: vonage, state: 'Logged out', session: null }));
    assert.deepEqual(decision.action, { kind: 'none' });
    assert.match(decision.reason, /^Agent went Logged out → nothing to clear/);
  });

  it('maps a custom state through its base', () => {
    const decision = decideCcToTeams(input({ profile: dynamics365, state: 'In a Meeting' }));
    assert.deepEqual(decision.action, { kind: 'setPresence', presence: presence('Busy', 'InACall') });
    assert.equal(decision.reason, 'Agent went In a Meeting (Busy) → Teams In a call (Dynamics 365 profile)');
  });

  it('skips a repeated state that our live session already shows, but not an expired one', () => {
    const session = liveSession(presence('Busy', 'InACall'));
    const repeated = decideCcToTeams(input({ previousState: 'Busy', session }));
    assert.deepEqual(repeated.action, { kind: 'none' });
    assert.equal(repeated.reason, 'Agent is still Busy; Teams already shows In a call (8x8 profile)');
    const expired = decideCcToTeams(
      input({ previousState: 'Busy', session: { ...session, expiresAt: EARLIER } }),
    );
    assert.equal(expired.action.kind, 'setPresence');
  });

  it('leaves Teams alone when the state confirms what we asked for because of Teams', () => {
    const hold = { requested: 'Busy', restoreTo: 'Available', since: EARLIER };
    const decision = decideCcToTeams(input({ profile: dynamics365, hold }));
    assert.deepEqual(decision.action, { kind: 'none' });
    assert.match(decision.reason, /because we asked for it/);
    const other = decideCcToTeams(input({ profile: dynamics365, state: 'Away', hold }));
    assert.equal(other.action.kind, 'setPresence');
  });
});
