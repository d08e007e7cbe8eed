// Store contract, part: the inbox and the atomicity of commit.
import assert from 'node:assert/strict';
import type { AgentStateEvent } from '../../../src/domain/events';
import type { Commit } from '../../../src/ports/store.port';
import {
  A,
  B,
  C,
  T,
  decision,
  everyType,
  fullState,
  ids,
  outbound,
  rejectsWithCode,
  stateEvent,
  type StoreUnderTest,
} from './samples';

export function inboxContract(store: StoreUnderTest): void {
  describe('inbox', () => {
    it('accepts new events and reports the agents that have them, in arrival order', async () => {
      const result = await store().acceptEvents(
        [stateEvent('e1', B), stateEvent('e2', A), stateEvent('e3', B)],
        T,
      );
      assert.deepEqual(result, { accepted: 3, duplicates: 0, agents: [B, A] });
      assert.deepEqual(await store().agentsWithPendingEvents(), [B, A]);
    });

    it('counts an id seen in an earlier batch as a duplicate and keeps the first copy', async () => {
      await store().acceptEvents([stateEvent('e1', A, 'Busy')], T);
      const result = await store().acceptEvents([stateEvent('e1', A, 'Away'), stateEvent('e2', A)], T);
      assert.deepEqual(result, { accepted: 1, duplicates: 1, agents: [A] });
      const pending = await store().pendingEvents(A);
      assert.deepEqual(ids(pending), ['e1', 'e2']);
      assert.equal((pending[0]?.event as AgentStateEvent).state, 'Busy');
    });

    it('counts an id repeated within one batch as a duplicate', async () => {
      const result = await store().acceptEvents(
        [stateEvent('e1', A), stateEvent('e1', A), stateEvent('e2', B)],
        T,
      );
      assert.deepEqual(result, { accepted: 2, duplicates: 1, agents: [A, B] });
      assert.deepEqual(ids(await store().pendingEvents(A)), ['e1']);
    });

    it('reports no agents when everything was a duplicate, and accepts an empty batch', async () => {
      await store().acceptEvents([stateEvent('e1', A)], T);
      assert.deepEqual(await store().acceptEvents([stateEvent('e1', A)], T), {
        accepted: 0,
        duplicates: 1,
        agents: [],
      });
      assert.deepEqual(await store().acceptEvents([], T), { accepted: 0, duplicates: 0, agents: [] });
    });

    it('returns an agent’s pending events in arrival order, every type round-tripped', async () => {
      const events = everyType('x');
      await store().acceptEvents(events.slice(0, 3), T);
      await store().acceptEvents([stateEvent('other', B)], '2025-03-01T10:00:01.000Z');
      await store().acceptEvents(events.slice(3), '2025-03-01T10:00:02.000Z');
      const pending = await store().pendingEvents(A);
      assert.deepEqual(
        pending.map((p) => p.event),
        events,
      );
      assert.deepEqual(
        pending.map((p) => p.receivedAt),
        [T, T, T, ...events.slice(3).map(() => '2025-03-01T10:00:02.000Z')],
      );
      const seqs = pending.map((p) => p.seq);
      assert.deepEqual(
        [...seqs].sort((x, y) => x - y),
        seqs,
      );
      assert.equal(new Set(seqs).size, seqs.length);
      assert.deepEqual(await store().pendingEvents(C), []);
    });

    it('settles events through commit: they leave pending, and a repeat of their id stays a duplicate', async () => {
      await store().acceptEvents([stateEvent('e1', A), stateEvent('e2', A), stateEvent('e3', B)], T);
      await store().commit({
        eventOutcomes: [
          { id: 'e1', outcome: 'applied' },
          { id: 'e2', outcome: 'stale' },
        ],
      });
      assert.deepEqual(await store().pendingEvents(A), []);
      assert.deepEqual(await store().agentsWithPendingEvents(), [B]);
      assert.deepEqual(await store().acceptEvents([stateEvent('e1', A)], T), {
        accepted: 0,
        duplicates: 1,
        agents: [],
      });
      assert.deepEqual(await store().pendingEvents(A), []);
    });

    it('accepts every outcome', async () => {
      const outcomes = ['applied', 'stale', 'superseded', 'failed', 'ignored'] as const;
      await store().acceptEvents(
        outcomes.map((o) => stateEvent(o, A)),
        T,
      );
      await store().commit({ eventOutcomes: outcomes.map((o) => ({ id: o, outcome: o })) });
      assert.deepEqual(await store().agentsWithPendingEvents(), []);
    });

    it('reports an event’s status, and keeps the reason a failed one failed', async () => {
      await store().acceptEvents([stateEvent('ok', A), stateEvent('bad', A)], T);
      assert.deepEqual(await store().eventStatus('ok'), { status: 'pending', reason: null });
      await store().commit({
        eventOutcomes: [
          { id: 'ok', outcome: 'applied' },
          { id: 'bad', outcome: 'failed', reason: 'chat_relay_unavailable' },
        ],
      });
      assert.deepEqual(await store().eventStatus('ok'), { status: 'applied', reason: null });
      assert.deepEqual(await store().eventStatus('bad'), {
        status: 'failed',
        reason: 'chat_relay_unavailable',
      });
      assert.equal(await store().eventStatus('unknown'), null);
    });

    it('refuses an outcome for an unknown or already settled event', async () => {
      await store().acceptEvents([stateEvent('e1', A)], T);
      await rejectsWithCode(
        store().commit({ eventOutcomes: [{ id: 'nope', outcome: 'applied' }] }),
        'event_not_pending',
      );
      await store().commit({ eventOutcomes: [{ id: 'e1', outcome: 'applied' }] });
      await rejectsWithCode(
        store().commit({ eventOutcomes: [{ id: 'e1', outcome: 'failed' }] }),
        'event_not_pending',
      );
    });

    it('refuses a commit naming the same event twice', async () => {
      await store().acceptEvents([stateEvent('e1', A)], T);
      const twice = [
        { id: 'e1', outcome: 'applied' },
        { id: 'e1', outcome: 'stale' },
      ] as const;
      await rejectsWithCode(store().commit({ eventOutcomes: twice }), 'event_not_pending');
      assert.deepEqual(ids(await store().pendingEvents(A)), ['e1']);
    });
  });

  describe('commit atomicity', () => {
    const everything = (extra: Partial<Commit>): Commit => ({
      eventOutcomes: [{ id: 'e1', outcome: 'applied' }],
      upsertAgents: [{ agentId: A, email: 'a@x.test', displayName: 'Ann', identities: [] }],
      removeAgents: [B],
      agentStates: [fullState(A)],
      decisions: [decision(A, 1)],
      outbound: [outbound('o1', A)],
      ...extra,
    });

    beforeEach(async () => {
      await store().acceptEvents([stateEvent('e1', A), stateEvent('e2', A)], T);
      await store().commit({
        upsertAgents: [{ agentId: B, email: 'b@x.test', displayName: 'Bob', identities: [] }],
      });
    });

    async function assertNothingApplied(): Promise<void> {
      assert.deepEqual(ids(await store().pendingEvents(A)), ['e1', 'e2']);
      assert.equal(await store().getAgent(A), null);
      assert.notEqual(await store().getAgent(B), null);
      assert.equal(await store().getAgentState(A), null);
      assert.equal(await store().lastDecision(A), null);
      assert.deepEqual(await store().outboundFor(A), []);
    }

    it('applies nothing when the last part fails (an outbound id used twice)', async () => {
      const commit = everything({ outbound: [outbound('o1', A), outbound('o1', A)] });
      await rejectsWithCode(store().commit(commit), 'duplicate_outbound');
      await assertNothingApplied();
    });

    it('applies nothing when an outcome fails after others succeeded', async () => {
      const commit = everything({
        eventOutcomes: [
          { id: 'e1', outcome: 'applied' },
          { id: 'gone', outcome: 'applied' },
        ],
      });
      await rejectsWithCode(store().commit(commit), 'event_not_pending');
      await assertNothingApplied();
    });

    it('applies every part of a good commit', async () => {
      await store().commit(everything({}));
      assert.deepEqual(ids(await store().pendingEvents(A)), ['e2']);
      assert.equal((await store().getAgent(A))?.displayName, 'Ann');
      assert.equal(await store().getAgent(B), null);
      assert.deepEqual(await store().getAgentState(A), { ...fullState(A), version: 1 });
      assert.deepEqual(await store().lastDecision(A), decision(A, 1));
      assert.deepEqual(
        (await store().outboundFor(A)).map((o) => o.id),
        ['o1'],
      );
    });
  });
}
