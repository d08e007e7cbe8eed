// Store contract, part: writes made at once (issue 11, bounded work). The embedded store commits the writes
// queued together in one transaction (group commit); PostgreSQL runs them on pooled connections. Either way
// each write stays all-or-nothing on its own, and the backlog is read in bounded pages.
import assert from 'node:assert/strict';
import { agentId, type AgentId } from '../../../src/domain/ids';
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
} from './samples';

const agents = (n: number): AgentId[] => Array.from({ length: n }, (_, i) => agentId(`P${100 + i}`));

export function concurrencyContract(store: StoreUnderTest): void {
  describe('writes at once and bounded reads', () => {
    it('applies writes made at once each whole: a conflict or a refused one leaves the others applied', async () => {
      await store().acceptEvents([stateEvent('e1', A), stateEvent('e2', B), stateEvent('e3', C)], T);
      await store().commit({ agentStates: [fullState(B)] }); // B is at version 1
      const [a, stale, refused, c, accepted] = await Promise.allSettled([
        store().commit({ eventOutcomes: [{ id: 'e1', outcome: 'applied' }], agentStates: [fullState(A)] }),
        store().commit({
          eventOutcomes: [{ id: 'e2', outcome: 'applied' }],
          agentStates: [{ ...emptyState(B), version: 0 }],
        }),
        store().commit({
          eventOutcomes: [
            { id: 'e3', outcome: 'applied' },
            { id: 'nope', outcome: 'applied' },
          ],
        }),
        store().commit({ eventOutcomes: [{ id: 'e3', outcome: 'stale' }], decisions: [decision(C, 1)] }),
        store().acceptEvents([stateEvent('e4', A)], T),
      ]);
      assert.deepEqual(a, { status: 'fulfilled', value: { stateConflicts: [] } });
      assert.deepEqual(stale, { status: 'fulfilled', value: { stateConflicts: [B] } });
      assert.equal(refused.status, 'rejected');
      assert.deepEqual(c, { status: 'fulfilled', value: { stateConflicts: [] } });
      assert.equal(accepted.status === 'fulfilled' && accepted.value.accepted, 1);
      assert.deepEqual(await store().eventStatus('e1'), { status: 'applied', reason: null });
      assert.deepEqual(await store().eventStatus('e2'), { status: 'pending', reason: null });
      assert.deepEqual(await store().eventStatus('e3'), { status: 'stale', reason: null });
      assert.equal((await store().getAgentState(B))?.version, 1);
      assert.equal((await store().getAgentState(A))?.ccState, 'Busy');
      assert.equal((await store().listDecisions(C, 5)).length, 1);
      assert.deepEqual(await store().agentsWithPendingEvents(), [B, A]);
    });

    it('keeps 200 writes made at once, each one readable once its promise resolves', async () => {
      const many = agents(200);
      await Promise.all(
        many.map(async (agent, i) => {
          await store().acceptEvents([stateEvent(`m${i}`, agent)], T);
          assert.equal((await store().pendingEvents(agent)).length, 1);
          await store().commit({ eventOutcomes: [{ id: `m${i}`, outcome: 'applied' }] });
          assert.equal((await store().pendingEvents(agent)).length, 0);
        }),
      );
      assert.deepEqual(await store().agentsWithPendingEvents(), []);
    });

    it('lists at most `limit` agents with pending work, the oldest work first', async () => {
      const many = agents(5);
      await store().acceptEvents(many.map((agent, i) => stateEvent(`p${i}`, agent)).reverse(), T);
      assert.deepEqual(await store().agentsWithPendingEvents(2), [many[4], many[3]]);
      assert.deepEqual(await store().agentsWithPendingEvents(0), []);
      assert.equal((await store().agentsWithPendingEvents()).length, 5);
    });

    it('pages the links by agent id after a cursor, every one exactly once', async () => {
      const many = agents(5);
      for (const [i, agent] of [...many.entries()].reverse()) await store().putLink(link(agent, `u-${i}`));
      const first = await store().listLinks({ limit: 2 });
      assert.deepEqual(
        first.map((l) => l.agentId),
        many.slice(0, 2),
      );
      const rest = await store().listLinks({ limit: 10, afterAgentId: many[1] });
      assert.deepEqual(
        rest.map((l) => l.agentId),
        many.slice(2),
      );
      assert.deepEqual(await store().listLinks({ limit: 0 }), []);
      assert.equal((await store().listLinks()).length, 5);
    });

    it('pages the sessions near expiry after a cursor, every one exactly once, ties by agent id', async () => {
      const many = agents(7);
      const expiry = (i: number) => `2025-03-01T10:0${Math.floor(i / 2)}:00.000Z`; // pairs share an instant
      await store().commit({ agentStates: many.map((agent, i) => fullState(agent, expiry(i))).reverse() });
      const seen: AgentId[] = [];
      let after: { expiresAt: string; agentId: AgentId } | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store().sessionsExpiringBefore('2025-03-01T10:03:00.000Z', { limit: 2, after });
        assert.ok(page.length <= 2);
        seen.push(...page.map((s) => s.agentId));
        const last = page[page.length - 1];
        if (page.length < 2 || !last?.session) break;
        after = { expiresAt: last.session.expiresAt, agentId: last.agentId };
      }
      assert.deepEqual(seen, many.slice(0, 6));
    });
  });
}
