// Issue 13 item 1: outbox entries are claimed (FOR UPDATE SKIP LOCKED and a lease), so two dispatchers on one
// PostgreSQL schema (an old and a new leader of the outbound role overlapping) deliver every message once,
// and each agent's messages in the order they were queued. Figures: messages, deliveries, duplicates.
import assert from 'node:assert/strict';
import { openPostgresStore, type PostgresStore } from '../../src/adapters/postgres';
import { agentId } from '../../src/domain/ids';
import { systemClock } from '../../src/ports/clock.port';
import type { ContactCenterTransport } from '../../src/ports/contact-center.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { OutboundMessage } from '../../src/ports/store.port';
import { OutboxDispatcher } from '../../src/sync/outbox-dispatcher';
import { eventually } from '../support/switchboard-fixture';
import { databaseUrl, dropSchema, freshSchema } from './pg-schema';

const AGENTS = 20;
const PER_AGENT = 10;

describe('two outbox dispatchers on one PostgreSQL schema', function () {
  this.timeout(30_000);
  let schema: string;
  let stores: PostgresStore[];
  beforeEach(async () => {
    schema = freshSchema();
    stores = [
      await openPostgresStore(databaseUrl, { schema }),
      await openPostgresStore(databaseUrl, { schema }),
    ];
  });
  afterEach(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await dropSchema(schema);
  });

  it('delivers every message once, in order per agent', async () => {
    const delivered: Array<{ by: number; message: OutboundMessage }> = [];
    const transport = (by: number): ContactCenterTransport => ({
      async deliver(message) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        delivered.push({ by, message });
        return { ok: true };
      },
    });
    for (let n = 0; n < PER_AGENT; n += 1) {
      const outbound = Array.from({ length: AGENTS }, (_, a) => ({
        id: `m-${a}-${n}`,
        agentId: agentId(`D${a}`),
        type: 'agent.state.requested',
        body: { n },
      }));
      await stores[n % 2]?.commit({ outbound });
    }
    const dispatchers = stores.map(
      (store, by) =>
        new OutboxDispatcher(store, transport(by), systemClock, silentLogger, { idlePollMs: 20 }),
    );
    dispatchers.forEach((d) => d.start());
    try {
      await eventually(() => delivered.length >= AGENTS * PER_AGENT, 20_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop(1000)));
    }
    const ids = delivered.map((d) => d.message.id);
    const duplicates = ids.length - new Set(ids).size;
    const byDispatcher = [0, 1].map((by) => delivered.filter((d) => d.by === by).length);
    console.log(
      `      ${AGENTS * PER_AGENT} messages, ${ids.length} deliveries (${byDispatcher.join(' + ')}), ${duplicates} duplicates`,
    );
    assert.equal(duplicates, 0);
    assert.equal(ids.length, AGENTS * PER_AGENT);
    assert.ok(
      byDispatcher.every((n) => n > 0),
      'both dispatchers delivered',
    );
    for (let a = 0; a < AGENTS; a += 1) {
      const order = delivered.filter((d) => d.message.agentId === `D${a}`).map((d) => d.message.body.n);
      assert.deepEqual(order, [...Array(PER_AGENT).keys()], `agent D${a}`);
    }
  });
});
