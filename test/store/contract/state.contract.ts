// Store contract, part: agent records, sync state and the decision log.
import assert from 'node:assert/strict';
import type { Decision } from '../../../src/domain/decision';
import { agentId } from '../../../src/domain/ids';
import {
  A,
  B,
  C,
  T,
  decision,
  emptyState,
  fullState,
  link,
  stateEvent,
  type StoreUnderTest,
  DECISIONS_KEPT,
} from './samples';

export function stateContract(store: StoreUnderTest): void {
  describe('agents', () => {
    it('upserts, lists by id and removes agent records', async () => {
      const ann = {
        agentId: A,
        email: 'a@x.test',
        displayName: 'Ann',
        identities: ['contact-center', 'work'],
      };
      const bob = { agentId: B, email: 'b@x.test', displayName: 'Bob', identities: [] };
      await store().commit({ upsertAgents: [bob, ann] });
      assert.deepEqual(await store().listAgents(), [ann, bob]);
      await store().commit({ upsertAgents: [{ ...ann, displayName: 'Ann B.' }] });
      assert.equal((await store().getAgent(A))?.displayName, 'Ann B.');
      await store().commit({ removeAgents: [A, C] });
      assert.equal(await store().getAgent(A), null);
      assert.deepEqual(await store().listAgents(), [bob]);
    });

    it('removing an agent keeps its link, state and decisions', async () => {
      await store().putLink(link(A, 'u-1'));
      await store().commit({
        upsertAgents: [{ agentId: A, email: 'a@x.test', displayName: 'Ann', identities: [] }],
        agentStates: [fullState(A)],
        decisions: [decision(A, 1)],
      });
      await store().commit({ removeAgents: [A] });
      assert.notEqual(await store().getLinkByAgent(A), null);
      assert.notEqual(await store().getAgentState(A), null);
      assert.notEqual(await store().lastDecision(A), null);
    });
  });

  describe('agent sync state', () => {
    it('round-trips a full state and an all-null state, and is null before the first write', async () => {
      assert.equal(await store().getAgentState(A), null);
      await store().commit({ agentStates: [fullState(A), emptyState(B)] });
      assert.deepEqual(await store().getAgentState(A), { ...fullState(A), version: 1 });
      assert.deepEqual(await store().getAgentState(B), { ...emptyState(B), version: 1 });
    });

    it('keeps the status message and preferred presence we set, and forgets them when cleared (issue 10)', async () => {
      const rich = {
        statusMessage: { message: 'On break, back soon', expiresAt: '2025-03-01T11:00:00.000Z' },
        preferredPresence: { availability: 'Offline', activity: 'OffWork' },
      };
      await store().commit({ agentStates: [{ ...fullState(A), rich }] });
      const stored = await store().getAgentState(A);
      assert.deepEqual(stored, { ...fullState(A), rich, version: 1 });
      const onlyMessage = { statusMessage: { message: 'Wrap-up' }, preferredPresence: null };
      await store().commit({ agentStates: [{ ...fullState(A), rich: onlyMessage, version: 1 }] });
      assert.deepEqual((await store().getAgentState(A))?.rich, onlyMessage);
      await store().commit({ agentStates: [{ ...fullState(A), rich: null, version: 2 }] });
      assert.deepEqual(await store().getAgentState(A), { ...fullState(A), version: 3 });
    });

    it('writes the state whole: fields set to null are cleared', async () => {
      await store().commit({ agentStates: [fullState(A)] });
      await store().commit({
        agentStates: [{ ...fullState(A), session: null, hold: null, ccChangedBy: 'agent' }],
      });
      assert.deepEqual(await store().getAgentState(A), {
        ...fullState(A),
        session: null,
        hold: null,
        ccChangedBy: 'agent',
        version: 2,
      });
      const withoutSequence = {
        ...fullState(A),
        teams: { availability: 'Away', activity: 'Away', observedAt: T },
      };
      await store().commit({ agentStates: [withoutSequence] });
      assert.deepEqual(await store().getAgentState(A), { ...withoutSequence, version: 3 });
    });

    it('finds the sessions expiring strictly before a time, soonest first, comparing instants', async () => {
      await store().commit({
        agentStates: [
          fullState(A, '2025-03-01T10:10:00.000Z'),
          fullState(B, '2025-03-01T12:05:00+02:00'), // 10:05Z
          fullState(C, '2025-03-01T10:20:00.000Z'),
          emptyState(agentId('A400')),
        ],
      });
      const soon = await store().sessionsExpiringBefore('2025-03-01T10:20:00.000Z');
      assert.deepEqual(
        soon.map((s) => s.agentId),
        [B, A],
      );
      assert.deepEqual(soon[0], { ...fullState(B, '2025-03-01T12:05:00+02:00'), version: 1 });
      assert.deepEqual(await store().sessionsExpiringBefore('2025-03-01T10:05:00.000Z'), []);
      await store().commit({ agentStates: [{ ...fullState(A), session: null }] });
      assert.deepEqual(
        (await store().sessionsExpiringBefore('2025-03-02T00:00:00Z')).map((s) => s.agentId),
        [B, C],
      );
    });

    it('commits a state read at its version, bumping it, and refuses a stale one whole (issue 13)', async () => {
      await store().acceptEvents([stateEvent('e1', A)], T);
      const created = await store().commit({ agentStates: [{ ...emptyState(A), version: 0 }] });
      assert.deepEqual(created.stateConflicts, []);
      const read = await store().getAgentState(A);
      assert.equal(read?.version, 1);
      const first = await store().commit({ agentStates: [{ ...read!, ccState: 'Available' }] });
      assert.deepEqual(first.stateConflicts, []);
      assert.equal((await store().getAgentState(A))?.version, 2);
      // A second writer that read version 1 too: nothing of its commit is applied.
      const stale = await store().commit({
        eventOutcomes: [{ id: 'e1', outcome: 'applied' }],
        agentStates: [{ ...read!, ccState: 'Busy' }],
        decisions: [decision(A, 1)],
      });
      assert.deepEqual(stale.stateConflicts, [A]);
      assert.equal((await store().getAgentState(A))?.ccState, 'Available');
      assert.deepEqual(
        (await store().pendingEvents(A)).map((e) => e.event.id),
        ['e1'],
      );
      assert.equal(await store().lastDecision(A), null);
    });

    it('refuses to create a state (version 0) that another writer created first', async () => {
      await store().commit({ agentStates: [{ ...fullState(A), version: 0 }] });
      const second = await store().commit({ agentStates: [{ ...emptyState(A), version: 0 }] });
      assert.deepEqual(second.stateConflicts, [A]);
      assert.deepEqual(await store().getAgentState(A), { ...fullState(A), version: 1 });
    });
  });

  describe('decisions', () => {
    it('lists newest first within the limit, per agent, every action kind round-tripped', async () => {
      const actions: Decision['action'][] = [
        { kind: 'setPresence', presence: { availability: 'Busy', activity: 'InACall' } },
        { kind: 'clearPresence' },
        { kind: 'requestState', state: 'Work Offline', restore: false },
        { kind: 'none' },
      ];
      await store().commit({
        decisions: [decision(A, 0, actions[0]), decision(A, 1, actions[1]), decision(B, 9)],
      });
      await store().commit({ decisions: [decision(A, 2, actions[2]), decision(A, 3, actions[3])] });
      assert.deepEqual(
        await store().listDecisions(A, 10),
        [3, 2, 1, 0].map((n) => decision(A, n, actions[n])),
      );
      assert.deepEqual(await store().listDecisions(A, 2), [
        decision(A, 3, actions[3]),
        decision(A, 2, actions[2]),
      ]);
      assert.deepEqual(await store().lastDecision(B), decision(B, 9));
      assert.equal(await store().lastDecision(C), null);
      assert.deepEqual(await store().listDecisions(C, 5), []);
    });

    it(`keeps only the newest ${DECISIONS_KEPT} per agent`, async () => {
      const many = Array.from({ length: DECISIONS_KEPT + 5 }, (_, n) => decision(A, n));
      await store().commit({ decisions: many.slice(0, 100) });
      await store().commit({ decisions: [...many.slice(100), decision(B, 1)] });
      const kept = await store().listDecisions(A, DECISIONS_KEPT + 50);
      assert.equal(kept.length, DECISIONS_KEPT);
      assert.deepEqual(kept[0], many.at(-1));
      assert.deepEqual(kept.at(-1), many[5]);
      assert.deepEqual(await store().listDecisions(B, 5), [decision(B, 1)]);
    });
  });
}
