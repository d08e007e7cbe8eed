// Issue 13 part 3: the contact center's endpoint is down (connections refused) for ten minutes while Teams-side
// changes keep being queued for it. On a fake clock (shared by the dispatcher, the signing transport and the
// receiver), over each real store: the outbox dispatcher with CC_OUTBOUND_PARK_AFTER_SECONDS above the outage
// and its real backoff (1 s doubling to 5 min, full jitter). Afterwards every message must be delivered, in
// order per agent, none parked, none twice; figures: attempts during the outage, time to deliver after it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpContactCenterTransport } from '../../src/adapters/cc-http';
import { openPostgresStore } from '../../src/adapters/postgres';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { agentId } from '../../src/domain/ids';
import type { ContactCenterTransport } from '../../src/ports/contact-center.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { Store } from '../../src/ports/store.port';
import { OutboxDispatcher } from '../../src/sync/outbox-dispatcher';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { FakeClock } from '../support/fake-clock';
import { databaseUrl, dropSchema, freshSchema } from '../support/pg-schema';
import { agentIds, report } from './load';

const SECRET = 'fault-cc-secret';
const AGENTS = agentIds(10, 'C');
const OUTAGE_MS = 10 * 60_000;
const PARK_AFTER_S = 15 * 60;
const STEP_MS = 1000;

interface Opened {
  readonly store: Store;
  close(): Promise<void>;
}

const stores: Record<string, () => Promise<Opened>> = {
  SQLite: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-fault-cc-'));
    const store = openSqliteStore(dir);
    return { store, close: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
  },
  PostgreSQL: async () => {
    const schema = freshSchema('fault');
    const store = await openPostgresStore(databaseUrl, { schema });
    return { store, close: async () => (await store.close(), await dropSchema(schema)) };
  },
};

for (const [name, open] of Object.entries(stores)) {
  describe(`fault: the contact center's endpoint down for ten minutes (${name})`, function () {
    this.timeout(120_000);
    let opened: Opened;
    let receiver: Receiver;
    let clock: FakeClock;
    let dispatcher: OutboxDispatcher;
    let attempts = 0;

    beforeEach(async () => {
      opened = await open();
      clock = new FakeClock(Date.now());
      receiver = await startReceiver(SECRET, () => clock.now() / 1000);
      const http = new HttpContactCenterTransport({ url: receiver.url, secret: SECRET, clock });
      const counting: ContactCenterTransport = { deliver: (m) => (attempts++, http.deliver(m)) };
      dispatcher = new OutboxDispatcher(opened.store, counting, clock, silentLogger, {
        parkAfterMs: PARK_AFTER_S * 1000,
      });
      dispatcher.start();
    });
    afterEach(async () => {
      await dispatcher.stop(1000);
      await receiver.close();
      await opened.close();
    });

    const queued: string[] = [];
    async function queue(minute: number): Promise<void> {
      const outbound = AGENTS.map((agent) => {
        const id = `${agent}-${minute}`;
        queued.push(id);
        const body = { id, type: 'agent.state.requested', agentId: agent, state: 'Work Offline' };
        return { id, agentId: agentId(agent), type: body.type, body };
      });
      await opened.store.commit({ outbound });
      dispatcher.kick();
    }

    /** Moves the fake clock in steps, letting each round (real HTTP) finish before the next step. */
    async function run(ms: number, until: () => boolean = () => false): Promise<number> {
      const startedAt = clock.now();
      while (clock.now() - startedAt < ms && !until()) {
        clock.advance(STEP_MS);
        await dispatcher.idle();
      }
      return clock.now() - startedAt;
    }

    it('delivers everything afterwards, in order per agent, none parked or twice', async () => {
      queued.length = 0;
      await queue(0);
      await run(5000, () => receiver.accepted().length === AGENTS.length);
      await receiver.down();
      const before = attempts;
      for (let minute = 1; minute <= 10; minute += 1) {
        await queue(minute);
        await run(OUTAGE_MS / 10);
      }
      const duringOutage = attempts - before;
      await receiver.up();
      const ids = () => receiver.accepted().map((b: { id: string }) => b.id);
      const deliveredAfterMs = await run(PARK_AFTER_S * 1000, () => new Set(ids()).size === queued.length);

      const received = ids();
      const duplicates = received.length - new Set(received).size;
      const left = (await Promise.all(AGENTS.map((a) => opened.store.outboundFor(agentId(a))))).flat();
      const outOfOrder = AGENTS.filter((agent) => {
        const order = received.filter((id) => id.startsWith(`${agent}-`));
        const expected = queued.filter((id) => id.startsWith(`${agent}-`));
        return JSON.stringify([...new Set(order)]) !== JSON.stringify(expected);
      });
      report(`contact-center-down-${name}`, {
        queued: queued.length,
        delivered: new Set(received).size,
        lost: queued.length - new Set(received).size,
        parked_or_pending: left.length,
        duplicates_delivered: duplicates,
        out_of_order_agents: outOfOrder.length,
        outage_s: OUTAGE_MS / 1000,
        attempts_during_outage: duringOutage,
        all_delivered_s_after_up: deliveredAfterMs / 1000,
      });
      assert.deepEqual(left, [], 'nothing left pending or parked');
      assert.equal(new Set(received).size, queued.length, 'every message delivered');
      assert.deepEqual(outOfOrder, [], 'every agent received its messages in the order they were queued');
      assert.equal(duplicates, 0, 'a refused connection delivers nothing, so nothing comes twice');
      assert.ok(deliveredAfterMs <= 5 * 60_000 + 10_000, 'within one backoff cap (5 min) of the return');
    });
  });
}
