// Issue 13: the pure part of shard ownership. Agents fall into fixed shards by a stable hash; the planner
// takes free shards up to a fair share (ceil(shards / live instances)) and gives up what is beyond it; the
// gate runs only owned agents, wakes the owner of the others, and drains a shard before it is given up.
import assert from 'node:assert/strict';
import { agentId, type AgentId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import { ShardGate } from '../../src/sync/shard-gate';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { SHARD_COUNT, fairShare, planShards, quotaShare, shardOf } from '../../src/sync/shards';
import { FakeClock } from '../support/fake-clock';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('shards: hash and planner', () => {
  it('puts an agent in the same shard every time, and spreads agents over every shard', () => {
    assert.equal(shardOf(agentId('K042')), shardOf(agentId('K042')));
    const counts = new Array<number>(SHARD_COUNT).fill(0);
    for (let i = 0; i < 6400; i += 1) {
      const s = shardOf(agentId(`agent-${i}`));
      counts[s] = (counts[s] ?? 0) + 1;
    }
    assert.ok(
      Math.min(...counts) > 50 && Math.max(...counts) < 150,
      `counts ${Math.min(...counts)}..${Math.max(...counts)}`,
    );
  });

  const cases: Array<{
    name: string;
    mine: number[];
    others: number[];
    instances: number;
    take: number;
    release: number[];
  }> = [
    { name: 'alone: takes every free shard', mine: [], others: [], instances: 1, take: 64, release: [] },
    {
      name: 'second instance: takes nothing while the first holds all',
      mine: [],
      others: range(0, 64),
      instances: 2,
      take: 0,
      release: [],
    },
    {
      name: 'first of two: gives up the top half',
      mine: range(0, 64),
      others: [],
      instances: 2,
      take: 0,
      release: range(32, 64),
    },
    {
      name: 'after a death: takes the freed shards',
      mine: range(0, 32),
      others: [],
      instances: 1,
      take: 32,
      release: [],
    },
    {
      name: 'third of three: takes up to ceil(64/3)',
      mine: [],
      others: range(0, 44),
      instances: 3,
      take: 20,
      release: [],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planShards({
        count: SHARD_COUNT,
        mine: new Set(c.mine),
        others: new Set(c.others),
        instances: c.instances,
      });
      assert.equal(plan.take.length, c.take);
      assert.deepEqual(plan.release, c.release);
      for (const s of plan.take) assert.ok(!c.mine.includes(s) && !c.others.includes(s), `took held ${s}`);
    });
  }

  it('gives each of n instances at most ceil(64/n) shards', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 8].map((n) => fairShare(SHARD_COUNT, n)),
      [64, 32, 22, 16, 8],
    );
  });
});

describe('shards: the presence quota split by shares', () => {
  it('gives instances owning disjoint shards parts that add up to at most the quota', () => {
    const parts = [22, 22, 20].map((owned) => quotaShare(1500, owned));
    assert.deepEqual(parts, [515, 515, 468]);
    assert.ok(parts.reduce((x, y) => x + y, 0) <= 1500);
    assert.equal(quotaShare(1500, SHARD_COUNT), 1500);
    assert.equal(quotaShare(1500, 0), 1, 'an instance owning nothing yet may make the odd call');
  });

  it('sizes a budget to its part: it grants that many writes a window', () => {
    const budget = new PresenceBudget(new FakeClock(), { quota: 100 });
    budget.setQuota(quotaShare(100, 32));
    assert.equal(budget.available('write'), 50);
    for (let i = 0; i < 50; i += 1) assert.equal(budget.tryTake('write'), 0);
    assert.ok(budget.tryTake('write') > 0);
  });
});

function gateHarness() {
  const woken: AgentId[] = [];
  const kicked: AgentId[] = [];
  let pending: AgentId[] = [];
  const gate = new ShardGate({
    ownership: { wake: (a) => woken.push(a) },
    kick: (a) => kicked.push(a),
    pendingAgents: async () => pending,
    logger: silentLogger,
    count: 4,
  });
  const agentIn = (shard: number, n = 0) => {
    const found = range(0, 1000)
      .map((i) => agentId(`a${i}`))
      .filter((a) => shardOf(a, 4) === shard);
    return found[n] as AgentId;
  };
  return { gate, woken, kicked, agentIn, setPending: (p: AgentId[]) => (pending = p) };
}

describe('shard gate', () => {
  it('admits agents of owned shards and wakes the owner of the others', () => {
    const h = gateHarness();
    h.gate.gained([0, 1]);
    assert.equal(h.gate.admit(h.agentIn(1)), true);
    assert.equal(h.gate.admit(h.agentIn(2)), false);
    assert.deepEqual(h.woken, [h.agentIn(2)]);
  });

  it('kicks a woken agent only while its shard runs here, never passing the wake on again', () => {
    const h = gateHarness();
    h.gate.gained([1]);
    h.gate.woken(h.agentIn(1));
    void h.gate.releasing([1]);
    h.gate.woken(h.agentIn(1, 1));
    assert.deepEqual(h.kicked, [h.agentIn(1)]);
    assert.deepEqual(h.woken, []);
  });

  it('runs only owned agents, and kicks the pending agents of a gained shard', async () => {
    const h = gateHarness();
    h.setPending([h.agentIn(0), h.agentIn(3), h.agentIn(0, 1)]);
    h.gate.gained([0]);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(h.kicked, [h.agentIn(0), h.agentIn(0, 1)]);
    assert.equal(await h.gate.guard(h.agentIn(0), async () => 'ran'), 'ran');
    assert.equal(await h.gate.guard(h.agentIn(3), async () => 'ran'), undefined);
    h.gate.lost([0]);
    assert.equal(await h.gate.guard(h.agentIn(0), async () => 'ran'), undefined);
  });

  it('waits for the runs in flight of a shard it gives up, and starts none meanwhile', async () => {
    const h = gateHarness();
    h.gate.gained([2]);
    let finish = () => {};
    const run = h.gate.guard(
      h.agentIn(2),
      () => new Promise<string>((resolve) => (finish = () => resolve('done'))),
    );
    let released = false;
    const releasing = h.gate.releasing([2]).then(() => (released = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(released, false);
    assert.equal(await h.gate.guard(h.agentIn(2, 1), async () => 'ran'), undefined);
    finish();
    assert.equal(await run, 'done');
    await releasing;
    assert.equal(released, true);
  });

  it('gives a run a lease that ends for good once the shard is lost, even if it is gained again', async () => {
    const h = gateHarness();
    h.gate.gained([1]);
    let release = () => {};
    const leases: Array<() => boolean> = [];
    const run = h.gate.guard(h.agentIn(1), async (lease) => {
      leases.push(lease);
      await new Promise<void>((resolve) => (release = resolve));
      return lease();
    });
    assert.equal(leases[0]?.(), true, 'held while the shard is');
    h.gate.lost([1]);
    h.gate.gained([1]);
    release();
    assert.equal(await run, false, 'a stalled run does not write after the shard changed hands');
    assert.equal(await h.gate.guard(h.agentIn(1), async (lease) => lease()), true, 'a new run holds it');
  });
});
