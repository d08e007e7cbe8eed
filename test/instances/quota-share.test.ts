// Issue 13 item 2: the presence quota stays tenant-wide with two instances. Each instance's budget is the
// quota × the share of the shards it owns (src/sync/shards.ts quotaShare), so the two parts add up to the
// tenant's quota and Graph (the emulator, enforcing it) never has to answer 429. With a quota of 30 per 30 s
// and 80 agents changing at once, the first window carries at most 30 presence requests between both, and
// the rest wait for the next window instead of drawing 429s.
import assert from 'node:assert/strict';
import { EMULATOR_TENANT_ID } from '../../src/adapters/graph-emulator';
import { SHARD_COUNT } from '../../src/sync/shards';
import { eventually } from '../support/switchboard-fixture';
import { startPair, type Pair } from './two-instances';

const QUOTA = 30;
const AGENTS = 80;
const agents = Array.from({ length: AGENTS }, (_, i) => `Q${String(i).padStart(3, '0')}`);
const userOf = (agent: string) => `00000000-0000-4000-a000-${agent.slice(1).padStart(12, '0')}`;
const PRESENCE = /\/(setPresence|clearPresence|getPresencesByUserId)$/;

describe('two instances share the tenant presence quota (PostgreSQL)', function () {
  this.timeout(60_000);
  let pair: Pair;
  beforeEach(
    async () =>
      (pair = await startPair(
        {
          GRAPH_PRESENCE_QUOTA: String(QUOTA),
          AZURE_TENANT_ID: EMULATOR_TENANT_ID,
          AZURE_CLIENT_ID: '5b0c0000-0000-4000-8000-0000000000c2',
          BOT_ID: '',
        },
        { quota: { requests: QUOTA, windowSeconds: 30 } },
      )),
  );
  afterEach(() => pair.close());

  it('keeps both instances together within the quota, with no 429', async () => {
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
    const at = new Date(Date.now() - 1000).toISOString();
    const events = agents.map((agentId, i) => ({
      id: `q-${i}`,
      type: 'agent.state',
      agentId,
      state: 'Busy',
      occurredAt: at,
    }));
    const answers = await Promise.all([
      a.postEvents({ events: events.filter((_, i) => i % 2 === 0) }),
      b.postEvents({ events: events.filter((_, i) => i % 2 === 1) }),
    ]);
    assert.deepEqual(
      answers.map((r) => r.status),
      [202, 202],
    );
    await new Promise((resolve) => setTimeout(resolve, 6000));
    const presence = emulator.requests().filter((r) => PRESENCE.test(r.path));
    const throttled = presence.filter((r) => r.status === 429).length;
    const sets = presence.filter((r) => r.path.endsWith('/setPresence') && r.status < 300).length;
    console.log(
      `      quota ${QUOTA}/30 s: ${presence.length} presence requests in the first window from both instances` +
        ` (${sets} setPresence), ${throttled} answered 429; ${AGENTS - sets} agents wait for the next window`,
    );
    assert.equal(throttled, 0, 'Graph never had to answer 429');
    assert.ok(presence.length <= QUOTA, `${presence.length} presence requests`);
    assert.ok(sets >= QUOTA / 2, `only ${sets} setPresence calls: the parts should fill the window`);
  });
});
