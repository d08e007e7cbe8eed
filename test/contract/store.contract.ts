// The one behaviour every Store adapter must have (SQLite, PostgreSQL, ...): run it from each adapter's test
// file with a function that opens a fresh, empty store. The parts live in test/store/contract/, one a concern.
import assert from 'node:assert/strict';
import type { StoreHousekeeping } from '../../src/ports/housekeeping.port';
import type { Store } from '../../src/ports/store.port';
import { concurrencyContract } from '../store/contract/concurrency.contract';
import { housekeepingContract } from '../store/contract/housekeeping.contract';
import { inboxContract } from '../store/contract/inbox.contract';
import { linksContract } from '../store/contract/links.contract';
import { outboxContract } from '../store/contract/outbox.contract';
import {
  A,
  B,
  T,
  decision,
  everyType,
  fullState,
  link,
  outbound,
  stateEvent,
} from '../store/contract/samples';
import { stateContract } from '../store/contract/state.contract';

export interface OpenedStore {
  readonly store: Store & StoreHousekeeping;
  /** Opens the same data again; the test closes the first store before calling it. */
  readonly reopen?: () => Promise<Store>;
  /** Closes whatever is still open and removes the data. */
  readonly cleanup: () => Promise<void>;
}

export function storeContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`Store contract: ${name}`, () => {
    let opened: OpenedStore;
    beforeEach(async () => {
      opened = await open();
    });
    afterEach(async () => {
      await opened.cleanup();
    });
    const store = () => opened.store;

    inboxContract(store);
    stateContract(store);
    linksContract(store);
    outboxContract(store);
    housekeepingContract(store);
    concurrencyContract(store);

    describe('durability', () => {
      it('keeps everything across close and reopen', async function () {
        if (!opened.reopen) return this.skip();
        const first = opened.store;
        await first.acceptEvents([...everyType('x'), stateEvent('done', B)], T);
        await first.commit({
          eventOutcomes: [{ id: 'done', outcome: 'applied' }],
          upsertAgents: [{ agentId: A, email: 'a@x.test', displayName: 'Ann', identities: ['work'] }],
          agentStates: [fullState(A)],
          decisions: [decision(A, 1), decision(A, 2)],
          outbound: [outbound('a1', A), outbound('a2', A)],
        });
        await first.markRetry('a1', '2025-03-01T10:05:00.000Z', 'HTTP 503');
        await first.putLink(link(A, 'u-1', T, 'ann@x.test'));
        await first.putSetting('profile', 'vonage');
        const before = await snapshot(first);
        await first.close();
        const again = await opened.reopen();
        assert.deepEqual(await snapshot(again), before);
        const repeat = await again.acceptEvents([stateEvent('done', B)], T);
        assert.deepEqual(repeat, { accepted: 0, duplicates: 1, agents: [] });
        const due = await again.dueOutbound('2025-03-01T10:05:00.000Z', 5);
        assert.deepEqual(
          due.map((o) => o.id),
          ['a1'],
        );
      });
    });
  });
}

async function snapshot(store: Store) {
  return {
    agentsPending: await store.agentsWithPendingEvents(),
    pending: await store.pendingEvents(A),
    agents: await store.listAgents(),
    state: await store.getAgentState(A),
    decisions: await store.listDecisions(A, 10),
    outbox: await store.outboundFor(A),
    links: await store.listLinks(),
    setting: await store.getSetting('profile'),
  };
}
