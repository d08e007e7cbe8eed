// The Teams → contact-center rule engine: the seed 000 walk-through, holds and restores, echo suppression,
// ordering, activity-level rules and "sync only from Available".
import assert from 'node:assert/strict';
import { parseProfile, profileToDocument } from '../../src/domain/profile-schema';
import { dynamics365 } from '../../src/domain/profiles/dynamics365';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { vonage } from '../../src/domain/profiles/vonage';
import { decideTeamsToCc } from '../../src/domain/teams-to-cc';
import {
  A100,
  AgentScenario,
  EARLIER,
  fromAvailable,
  liveSession,
  NOW,
  presence,
  syncState,
} from './sync-fixture';

const IN_A_CALL = presence('Busy', 'InACall');
const AVAILABLE = presence('Available', 'Available');

/** Johanna is Available in both apps, then Lynne calls her on Teams (seed 000). */
function johannaTakesLynnesCall(): AgentScenario {
  const johanna = new AgentScenario(eightByEight);
  johanna.cc('Available', 'system');
  johanna.teams(AVAILABLE);
  johanna.teams(IN_A_CALL);
  return johanna;
}

describe('decideTeamsToCc', () => {
  it('walks through seed 000: Johanna, a customer call, then Lynne on Teams', () => {
    const johanna = new AgentScenario(eightByEight);
    const busy = johanna.cc('Busy', 'system');
    assert.equal(busy.reason, 'Agent went Busy → Teams In a call (8x8 profile)');
    const echo = johanna.teams(IN_A_CALL);
    assert.equal(echo.request, null, 'our own In a call is not a Teams call');

    const available = johanna.cc('Available', 'system');
    assert.deepEqual(available.action, { kind: 'setPresence', presence: AVAILABLE });
    assert.equal(johanna.teams(AVAILABLE).request, null);

    const lynne = johanna.teams(IN_A_CALL);
    assert.deepEqual(lynne.request, { state: 'Work Offline', cause: { teams: IN_A_CALL } });
    assert.deepEqual(lynne.decision.action, { kind: 'requestState', state: 'Work Offline', restore: false });
    assert.equal(
      lynne.decision.reason,
      'Teams In a call while Available → request Work Offline (8x8 profile)',
    );
    assert.equal(lynne.hold?.requested, 'Work Offline');
    assert.equal(lynne.hold?.restoreTo, 'Available');

    const confirmed = johanna.cc('Work Offline', 'system');
    assert.deepEqual(confirmed.action, { kind: 'none' });
    assert.notEqual(johanna.state.hold, null, 'our own request confirmed keeps the hold');
    assert.equal(johanna.teams(IN_A_CALL).request, null, 'still in the call: hold on');

    const ended = johanna.teams(AVAILABLE);
    assert.deepEqual(ended.request, { state: 'Available', cause: { restore: true } });
    assert.deepEqual(ended.decision.action, { kind: 'requestState', state: 'Available', restore: true });
    assert.equal(ended.hold, null);
    assert.equal(johanna.cc('Available', 'system').to, 'Available');
    assert.equal(johanna.teams(AVAILABLE).request, null);
  });

  it('never restores after the agent changes state by hand, even to the state we asked for', () => {
    const johanna = johannaTakesLynnesCall();
    johanna.cc('Work Offline', 'agent');
    assert.equal(johanna.state.hold, null);
    const ended = johanna.teams(AVAILABLE);
    assert.equal(ended.request, null);
    assert.deepEqual(ended.decision.action, { kind: 'none' });
    assert.doesNotMatch(ended.decision.reason, /restore/);
  });

  it('never restores after the contact center moves the agent to another state', () => {
    const johanna = johannaTakesLynnesCall();
    johanna.cc('Work Offline', 'system');
    johanna.cc('Break', 'system');
    assert.equal(johanna.state.hold, null);
    assert.equal(johanna.teams(AVAILABLE).request, null);
  });

  it('restores even when the call ends before the contact center confirms our request', () => {
    const johanna = johannaTakesLynnesCall();
    assert.equal(johanna.teams(IN_A_CALL).request, null, 'seeing the call again asks nothing twice');
    assert.notEqual(johanna.state.hold, null);
    assert.deepEqual(johanna.teams(AVAILABLE).request, { state: 'Available', cause: { restore: true } });
  });

  it('ends a hold the agent state no longer matches', () => {
    const hold = { requested: 'Work Offline', restoreTo: 'Available', since: EARLIER };
    const state = syncState({ ccState: 'Break', hold });
    const result = decideTeamsToCc({
      profile: eightByEight,
      agentId: A100,
      state,
      observed: AVAILABLE,
      now: NOW,
    });
    assert.equal(result.hold, null);
    assert.equal(result.request, null);
  });

  it('does not take our own In a call for a Teams call (echo), unless our session has expired', () => {
    const session = liveSession(IN_A_CALL);
    const state = syncState({ ccState: 'Available', session });
    const echo = decideTeamsToCc({
      profile: eightByEight,
      agentId: A100,
      state,
      observed: IN_A_CALL,
      now: NOW,
    });
    assert.equal(echo.request, null);
    assert.equal(echo.hold, null);
    assert.match(echo.decision.reason, /our own change coming back/);
    const expired = syncState({ ccState: 'Available', session: { ...session, expiresAt: EARLIER } });
    const call = decideTeamsToCc({
      profile: eightByEight,
      agentId: A100,
      state: expired,
      observed: IN_A_CALL,
      now: NOW,
    });
    assert.equal(call.request?.state, 'Work Offline');
  });

  it('drops an update whose sequenceNumber is not newer than the last one seen', () => {
    const teams = { ...AVAILABLE, sequenceNumber: 'B0002', observedAt: EARLIER };
    const state = syncState({ ccState: 'Available', teams });
    const decide = (sequenceNumber: string | undefined) =>
      decideTeamsToCc({
        profile: eightByEight,
        agentId: A100,
        state,
        observed: { ...IN_A_CALL, sequenceNumber },
        now: NOW,
      });
    for (const old of ['B0001', 'B0002', 'A9999']) {
      const dropped = decide(old);
      assert.equal(dropped.request, null, old);
      assert.match(dropped.decision.reason, /ignored$/);
    }
    assert.equal(decide('B0003').request?.state, 'Work Offline');
    assert.equal(decide(undefined).request?.state, 'Work Offline');
  });

  it('tells a meeting from a call by activity, and lets an admin treat meetings as calls', () => {
    assert.equal(fromAvailable(eightByEight, presence('Busy', 'InAMeeting')).request, null);
    assert.equal(fromAvailable(eightByEight, presence('Busy', 'InACall')).request?.state, 'Work Offline');
    const doc = profileToDocument(eightByEight);
    const custom = parseProfile({
      ...doc,
      teamsToCc: doc.teamsToCc.map((r) =>
        r.activity === 'InAMeeting' ? { ...r, request: 'Work Offline' } : r,
      ),
    });
    assert.equal(fromAvailable(custom, presence('Busy', 'InAMeeting')).request?.state, 'Work Offline');
  });

  it('syncs only from the available state', () => {
    for (const ccState of ['Break', 'Wrap-up', 'Busy']) {
      const state = syncState({ ccState });
      const result = decideTeamsToCc({
        profile: eightByEight,
        agentId: A100,
        state,
        observed: IN_A_CALL,
        now: NOW,
      });
      assert.equal(result.request, null);
      assert.equal(result.decision.reason, `Agent is ${ccState}, not Available: sync only from Available`);
    }
    const unknown = decideTeamsToCc({
      profile: eightByEight,
      agentId: A100,
      state: syncState(),
      observed: IN_A_CALL,
      now: NOW,
    });
    assert.equal(unknown.request, null);
  });

  it('holds Vonage agents while Teams keeps asking, and restores Ready', () => {
    const agent = new AgentScenario(vonage);
    agent.cc('Ready', 'system');
    assert.equal(agent.teams(presence('Busy', 'Busy')).request?.state, 'Extended Away');
    agent.cc('Extended Away', 'system');
    const dnd = agent.teams(presence('DoNotDisturb', 'DoNotDisturb'));
    assert.equal(dnd.request, null, 'still a requesting presence: keep holding');
    assert.match(dnd.decision.reason, /^Teams still Do not disturb → agent stays Extended Away/);
    assert.deepEqual(agent.teams(AVAILABLE).request, { state: 'Ready', cause: { restore: true } });
  });

  it('restores Dynamics 365 agents although their requested state maps to a Teams call', () => {
    const agent = new AgentScenario(dynamics365);
    agent.cc('Available', 'system');
    assert.equal(agent.teams(IN_A_CALL).request?.state, 'Busy');
    const confirmed = agent.cc('Busy', 'system');
    assert.deepEqual(
      confirmed.action,
      { kind: 'none' },
      'pushing Busy back to Teams would hide the end of the call',
    );
    assert.deepEqual(agent.state.session?.presence, AVAILABLE);
    assert.deepEqual(agent.teams(AVAILABLE).request, { state: 'Available', cause: { restore: true } });
  });
});
