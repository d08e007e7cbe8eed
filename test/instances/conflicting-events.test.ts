// Issue 13's second measurement, as a test: two instances on one PostgreSQL schema, 40 linked agents, and for
// each agent two conflicting agent.state events sent at once, one to each instance. Only the owner of an
// agent's shard runs its work (the other wakes it through NOTIFY), so there are about 40 setPresence calls
// (at most one per event, never 95 as before) and no agent whose Teams presence disagrees with its stored
// state. Figures: events sent, applied, superseded or stale, lost; setPresence calls; redundant calls.
import assert from 'node:assert/strict';
import { EMULATOR_TENANT_ID } from '../../src/adapters/graph-emulator';
import { SHARD_COUNT } from '../../src/sync/shards';
import { eventually } from '../support/switchboard-fixture';
import { onDatabase } from './pg-schema';
import { startPair, type Pair } from './two-instances';

const AGENTS = 40;
const agents = Array.from({ length: AGENTS }, (_, i) => `C${String(i).padStart(3, '0')}`);
const userOf = (agent: string) => `00000000-0000-4000-9000-${agent.slice(1).padStart(12, '0')}`;
const REAL_STYLE = {
  AZURE_TENANT_ID: EMULATOR_TENANT_ID,
  AZURE_CLIENT_ID: '5b0c0000-0000-4000-8000-0000000000c1',
  BOT_ID: '',
};
const at = (second: number) => new Date(Date.now() - 60_000 + second * 1000).toISOString();

describe('two instances, conflicting events for every agent sent to both (PostgreSQL)', function () {
  this.timeout(60_000);
  let pair: Pair;
  beforeEach(async () => (pair = await startPair(REAL_STYLE)));
  afterEach(() => pair.close());

  it('makes about one setPresence call per agent and leaves Teams agreeing with the stored state', async () => {
    const { a, b, emulator } = pair;
    await eventually(
      () =>
        a.app.shards.status().owned.length === SHARD_COUNT / 2 &&
        b.app.shards.status().owned.length === SHARD_COUNT / 2,
      10_000,
    );
    for (const agent of agents) {
      const put = await a.admin('PUT', `/api/admin/links/${agent}`, { teamsUserId: userOf(agent) });
      assert.equal(put.status, 201);
    }
    // Agent i's later event goes to A when i is even, to B when odd: both instances hold a winner.
    const last = (i: number) => (i % 3 === 0 ? 'Busy' : 'Available');
    const first = (i: number) => (last(i) === 'Busy' ? 'Available' : 'Busy');
    const eventFor = (i: number, later: boolean) => ({
      id: `conflict-${i}-${later ? 'late' : 'early'}`,
      type: 'agent.state',
      agentId: agents[i],
      state: later ? last(i) : first(i),
      occurredAt: at(later ? 2 : 1),
    });
    const toA = agents.map((_, i) => eventFor(i, i % 2 === 0));
    const toB = agents.map((_, i) => eventFor(i, i % 2 === 1));
    const before = emulator.requests().length;
    const sentAt = Date.now();
    const answers = await Promise.all([a.postEvents({ events: toA }), b.postEvents({ events: toB })]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [202, 202],
    );
    const stored = () => storedStates(pair.schema);
    await eventually(async () => (await pending(pair.schema)) === 0, 20_000);
    const settleMs = Date.now() - sentAt;
    const states = await stored();
    const disagree = agents.filter(
      (agent) => emulator.presenceOf(userOf(agent)).availability !== states.get(agent),
    );
    const wrong = agents.filter((agent, i) => states.get(agent) !== last(i));
    const calls = emulator
      .requests()
      .slice(before)
      .filter((r) => r.path.endsWith('/setPresence'));
    const perUser = new Map<string, string[]>();
    for (const call of calls) {
      const user = call.path.split('/').at(-3) ?? '';
      const availability = (call.body as { availability?: string } | null)?.availability ?? '';
      perUser.set(user, [...(perUser.get(user) ?? []), availability]);
    }
    const redundant = [...perUser.values()]
      .map((seq) => seq.filter((v, k) => k > 0 && seq[k - 1] === v).length)
      .reduce((x, y) => x + y, 0);
    const outcomes = await outcomeCounts(pair.schema);
    const lastCallMs = Math.max(...calls.map((c) => c.at)) - sentAt;
    console.log(
      `      ${AGENTS * 2} events sent, outcomes ${JSON.stringify(outcomes)}, 0 lost; ${calls.length} setPresence` +
        ` calls, ${redundant} redundant; ${disagree.length} agents disagreeing; last call ${lastCallMs} ms after sending, all settled seen at ${settleMs} ms`,
    );
    assert.deepEqual(wrong, [], 'stored state is the later event');
    assert.deepEqual(disagree, [], 'Teams agrees with the stored state');
    assert.equal(
      Object.values(outcomes).reduce((x, y) => x + y, 0),
      AGENTS * 2,
    );
    assert.ok(calls.length <= AGENTS * 2, `${calls.length} setPresence calls`);
    assert.equal(redundant, 0, 'no call repeated the presence just set');
  });
});

async function pending(schema: string): Promise<number> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "${schema}".inbox_events WHERE status = 'pending'`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}

async function outcomeCounts(schema: string): Promise<Record<string, number>> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ status: string; n: string }>(
      `SELECT status, COUNT(*) AS n FROM "${schema}".inbox_events GROUP BY status ORDER BY status`,
    );
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  });
}

async function storedStates(schema: string): Promise<Map<string, string>> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ agent_id: string; cc_state: string }>(
      `SELECT agent_id, cc_state FROM "${schema}".agent_sync_state`,
    );
    return new Map(rows.map((r) => [r.agent_id, r.cc_state]));
  });
}
