// Issue 13: shard ownership on PostgreSQL. Two instances on one schema split the shards evenly, never hold
// one shard both, and when one's session ends (as a SIGKILLed process's does) the other takes every shard
// within a few ticks. A NOTIFY from either wakes the owner of an agent's shard; the wake latency is printed.
import assert from 'node:assert/strict';
import { PostgresShardOwnership } from '../../src/adapters/postgres';
import { soleShardOwnership } from '../../src/adapters/sqlite';
import { agentId, type AgentId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import type { ShardEvents } from '../../src/ports/shard-ownership.port';
import { SHARD_COUNT, shardOf } from '../../src/sync/shards';
import { eventually } from '../support/switchboard-fixture';
import { databaseUrl, dropSchema, freshSchema, terminateShardOwner } from './pg-schema';

const TICK_MS = 100;

function instance(schema: string) {
  const ownership = new PostgresShardOwnership({
    url: databaseUrl,
    schema,
    logger: silentLogger,
    tickMs: TICK_MS,
  });
  const woken: Array<{ agent: AgentId; at: number }> = [];
  const owned = new Set<number>();
  const peak = { size: 0, lost: 0 };
  const events: ShardEvents = {
    gained: (shards) => {
      shards.forEach((s) => owned.add(s));
      peak.size = Math.max(peak.size, owned.size);
    },
    releasing: async () => undefined,
    lost: (shards) => {
      peak.lost += shards.length;
      shards.forEach((s) => owned.delete(s));
    },
    woken: (agent) => woken.push({ agent, at: performance.now() }),
  };
  ownership.start(events);
  return { ownership, owned, woken, peak, count: () => ownership.status().owned.length };
}

describe('shard ownership on PostgreSQL (an advisory lock per shard)', function () {
  this.timeout(20_000);
  let schema: string;
  beforeEach(() => (schema = freshSchema()));
  afterEach(() => dropSchema(schema));

  it('splits the shards 32/32 between two instances, each shard on one, and owns them all again after a session dies', async () => {
    const a = instance(schema);
    await eventually(() => a.count() === SHARD_COUNT);
    const b = instance(schema);
    try {
      const joinedAt = Date.now();
      await eventually(() => a.count() === 32 && b.count() === 32, 5000);
      console.log(`      rebalanced to 32/32 ${Date.now() - joinedAt} ms after the second instance started`);
      assert.deepEqual(
        [...a.owned].filter((s) => b.owned.has(s)),
        [],
      );
      assert.equal(a.ownership.status().instances, 2);
      const killedAt = Date.now();
      const victim = await terminateShardOwner(schema);
      // The instance whose session died gives its shards up; every shard is owned again, by one instance
      // each (the survivor takes the freed shards, or the victim retakes them once reconnected).
      await eventually(() => a.peak.lost + b.peak.lost > 0, 5000);
      await eventually(() => a.count() + b.count() === SHARD_COUNT, 5000);
      const takeoverMs = Date.now() - killedAt;
      assert.deepEqual(
        [...a.owned].filter((s) => b.owned.has(s)),
        [],
      );
      console.log(`      every shard owned again ${takeoverMs} ms after session ${victim} was ended`);
      assert.ok(takeoverMs < TICK_MS * 20, `took ${takeoverMs} ms`);
    } finally {
      await Promise.all([a.ownership.close(), b.ownership.close()]);
    }
  });

  it("wakes the owner of an agent's shard through NOTIFY, from the other instance", async () => {
    const a = instance(schema);
    const b = instance(schema);
    try {
      await eventually(() => a.count() === 32 && b.count() === 32, 5000);
      const agents = Array.from({ length: 200 }, (_, i) => agentId(`W${i}`));
      const onB = agents.filter((x) => b.owned.has(shardOf(x)));
      const latencies: number[] = [];
      for (const agent of onB.slice(0, 50)) {
        const sentAt = performance.now();
        a.ownership.wake(agent);
        await eventually(() => b.woken.some((w) => w.agent === agent), 2000);
        latencies.push((b.woken.find((w) => w.agent === agent)?.at ?? sentAt) - sentAt);
      }
      assert.equal(a.woken.length, 0, 'the non-owner is not woken');
      latencies.sort((x, y) => x - y);
      const p50 = latencies[Math.floor(latencies.length / 2)] ?? 0;
      const max = latencies[latencies.length - 1] ?? 0;
      console.log(
        `      wake latency over ${latencies.length} NOTIFYs: p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms`,
      );
      assert.ok(p50 < 100, `p50 ${p50} ms`);
    } finally {
      await Promise.all([a.ownership.close(), b.ownership.close()]);
    }
  });

  it('releases every shard on close, so the other takes them', async () => {
    const a = instance(schema);
    const b = instance(schema);
    await eventually(() => a.count() === 32 && b.count() === 32, 5000);
    await a.ownership.close();
    assert.equal(a.owned.size, 0);
    await eventually(() => b.count() === SHARD_COUNT, 3000);
    await b.ownership.close();
  });
});

describe('shard ownership of the embedded store', () => {
  it('owns every shard from the start and gives them up on close', async () => {
    const sole = soleShardOwnership();
    const owned = new Set<number>();
    sole.start({
      gained: (s) => s.forEach((x) => owned.add(x)),
      releasing: async () => undefined,
      lost: (s) => s.forEach((x) => owned.delete(x)),
      woken: () => assert.fail('woken'),
    });
    assert.equal(owned.size, SHARD_COUNT);
    await sole.close();
    assert.equal(owned.size, 0);
  });
});
