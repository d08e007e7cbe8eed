// Store contract, part: pruning what idempotency and status no longer need (issue 7 item 9), and the
// outbox backlog figures. Rows are stamped with the adapter's real time, so "before" is a little ahead of
// now to prune what was just settled, and far in the past to prune nothing.
import assert from 'node:assert/strict';
import { agentId } from '../../../src/domain/ids';
import type { StoreHousekeeping } from '../../../src/ports/housekeeping.port';
import type { Store } from '../../../src/ports/store.port';
import { A, B, C, T, decision, emptyState, fullState, link, outbound, stateEvent } from './samples';

export type HousekeptStoreUnderTest = () => Store & StoreHousekeeping;

const soon = () => new Date(Date.now() + 60_000).toISOString();
const LONG_AGO = '2000-01-01T00:00:00.000Z';
const none = { inboxEvents: 0, outboxMessages: 0, agentStates: 0, decisions: 0 };

export function housekeepingContract(store: HousekeptStoreUnderTest): void {
  describe('housekeeping', () => {
    it('prunes settled inbox events only once they are older than the cutoff, never pending ones', async () => {
      await store().acceptEvents([stateEvent('s1', A), stateEvent('s2', A), stateEvent('p1', B)], T);
      await store().commit({
        eventOutcomes: [
          { id: 's1', outcome: 'applied' },
          { id: 's2', outcome: 'stale' },
        ],
      });
      assert.deepEqual(await store().prune(LONG_AGO, 100), none);
      const counts = await store().prune(soon(), 100);
      assert.equal(counts.inboxEvents, 2);
      assert.deepEqual(
        (await store().pendingEvents(B)).map((e) => e.event.id),
        ['p1'],
      );
      // Past the retention window an id no longer counts as a duplicate: that is the window's meaning.
      const again = await store().acceptEvents([stateEvent('s1', A), stateEvent('p1', B)], T);
      assert.deepEqual(
        { accepted: again.accepted, duplicates: again.duplicates },
        { accepted: 1, duplicates: 1 },
      );
    });

    it('prunes delivered outbox messages, keeps pending and parked ones', async () => {
      await store().commit({ outbound: [outbound('d1', A), outbound('k1', B), outbound('x1', C)] });
      await store().commit({ outbound: [outbound('d2', A)] });
      await store().markDelivered('d1');
      await store().markParked('x1', 'HTTP 400');
      assert.equal((await store().prune(LONG_AGO, 100)).outboxMessages, 0);
      assert.equal((await store().prune(soon(), 100)).outboxMessages, 1);
      assert.deepEqual(
        (await store().outboundFor(A)).map((o) => o.id),
        ['d2'],
      );
      assert.deepEqual(
        (await store().outboundFor(C)).map((o) => [o.id, o.status]),
        [['x1', 'parked']],
      );
    });

    it('prunes the state and decisions of a removed agent, and nothing of an agent still known', async () => {
      const gone = agentId('gone');
      const linked = agentId('linked');
      const recorded = agentId('recorded');
      const waiting = agentId('waiting');
      const states = [gone, linked, recorded, waiting].map(emptyState);
      await store().commit({
        agentStates: [...states, fullState(A)],
        upsertAgents: [{ agentId: recorded, email: 'r@x.test', displayName: 'R', identities: [] }],
        decisions: [decision(gone, 1), decision(gone, 2), decision(linked, 3), decision(A, 4)],
      });
      await store().putLink(link(linked, 'u-linked'));
      await store().acceptEvents([stateEvent('w1', waiting)], T);
      assert.equal((await store().prune(LONG_AGO, 100)).agentStates, 0);
      const counts = await store().prune(soon(), 100);
      assert.deepEqual(
        { states: counts.agentStates, decisions: counts.decisions },
        { states: 1, decisions: 2 },
      );
      assert.equal(await store().getAgentState(gone), null);
      assert.deepEqual(await store().listDecisions(gone, 10), []);
      for (const kept of [linked, recorded, waiting, A])
        assert.notEqual(await store().getAgentState(kept), null);
      assert.equal((await store().listDecisions(linked, 10)).length, 1);
    });

    it('deletes at most `limit` rows of a kind per call', async () => {
      const events = ['l1', 'l2', 'l3'].map((id) => stateEvent(id, A));
      await store().acceptEvents(events, T);
      await store().commit({ eventOutcomes: events.map((e) => ({ id: e.id, outcome: 'applied' as const })) });
      assert.equal((await store().prune(soon(), 2)).inboxEvents, 2);
      assert.equal((await store().prune(soon(), 2)).inboxEvents, 1);
      assert.equal((await store().prune(soon(), 2)).inboxEvents, 0);
    });

    it('reports the pending outbox backlog and its oldest message', async () => {
      assert.deepEqual(await store().outboxBacklog(), { pending: 0, oldestCreatedAt: null });
      await store().commit({ outbound: [outbound('o1', A)] });
      const first = (await store().outboundFor(A))[0];
      await store().commit({ outbound: [outbound('o2', B), outbound('o3', C)] });
      await store().markDelivered('o2');
      await store().markParked('o3', 'refused');
      assert.deepEqual(await store().outboxBacklog(), { pending: 1, oldestCreatedAt: first?.createdAt });
    });
  });
}
