// Issue 13's measurement, as a test: two instances (child processes, as `npm start` runs them) on one
// PostgreSQL schema and one Graph emulator, 100 linked agents, seven rounds of state events sent to both;
// after round three one instance is killed with SIGKILL. Every agent must end in the state of its last event
// in the emulator (Teams), with no event left pending: the survivor takes the dead one's shards over and reads
// their pending work from the store in order. Figures: setPresence calls per agent, calls repeating the
// presence just set (the dead one's calls whose commit it never made, redone: setPresence is idempotent),
// time until every shard is on the survivor, time to settle.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { SHARD_COUNT } from '../../src/sync/shards';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startChild, type Child } from '../support/child-switchboard';
import { ADMIN_KEY, CC_SECRET, GRAPH_TOKEN, eventually } from '../support/switchboard-fixture';
import { databaseUrl, dropSchema, freshSchema, onDatabase, shardHolders } from './pg-schema';

const AGENTS = 100;
const ROUNDS = 7;
const agentIds = Array.from({ length: AGENTS }, (_, i) => `K${String(i).padStart(3, '0')}`);
const userOf = (agent: string) => `00000000-0000-4000-8000-${agent.slice(1).padStart(12, '0')}`;
const stateOf = (i: number, round: number) => ((i + round) % 2 === 0 ? 'Busy' : 'Available');

async function post(url: string, events: unknown[]): Promise<number> {
  const text = JSON.stringify({ events });
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(CC_SECRET, text, Date.now() / 1000),
  };
  const response = await fetch(`${url}/api/cc/events`, { method: 'POST', headers, body: text });
  await response.text();
  return response.status;
}

function event(i: number, round: number) {
  const at = new Date(Date.UTC(2026, 0, 1, 0, 0, round)).toISOString();
  return {
    id: `k-${i}-${round}`,
    type: 'agent.state',
    agentId: agentIds[i],
    state: stateOf(i, round),
    occurredAt: at,
  };
}

describe('two instances, one killed with SIGKILL mid-run (PostgreSQL)', function () {
  this.timeout(180_000);
  let emulator: GraphEmulator;
  let schema: string;
  const children: Child[] = [];
  const dirs: string[] = [];

  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    schema = freshSchema();
  });
  afterEach(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await Promise.all(children.splice(0).map((c) => c.exited));
    await emulator.close();
    await dropSchema(schema);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const start = () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-kill-'));
    dirs.push(dir);
    return startChild(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DATABASE_URL: databaseUrl,
        DATABASE_SCHEMA: schema,
        GRAPH_BASE_URL: emulator.url,
        GRAPH_TOKEN,
        CC_WEBHOOK_SECRET: CC_SECRET,
        ADMIN_API_KEY: ADMIN_KEY,
        AZURE_AUTHORITY_HOST: emulator.origin,
        LOG_LEVEL: 'info',
      },
      60_000,
    ).then((child) => (children.push(child), child));
  };

  const scenario = async (killAfter: number) => {
    const [a, b] = [await start(), await start()];
    for (const agent of agentIds) {
      const response = await fetch(`${a.url}/api/admin/links/${agent}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ teamsUserId: userOf(agent) }),
      });
      assert.equal(response.status, 201, await response.text());
    }
    let accepted = 0;
    let takeoverMs = -1;
    for (let round = 0; round < ROUNDS; round += 1) {
      const alive = round < killAfter ? [a, b] : [b];
      const batches = alive.map((_, k) =>
        agentIds
          .map((_, i) => i)
          .filter((i) => (i + round) % alive.length === k)
          .map((i) => event(i, round)),
      );
      const statuses = await Promise.all(alive.map((child, k) => post(child.url, batches[k] ?? [])));
      assert.deepEqual(
        statuses,
        alive.map(() => 202),
      );
      accepted += AGENTS;
      if (round === killAfter - 1) {
        a.process.kill('SIGKILL');
        const killedAt = Date.now();
        await a.exited;
        await eventually(async () => {
          const holders = await shardHolders(schema);
          return holders.length === 1 && holders[0]?.shards === SHARD_COUNT;
        }, 10_000);
        takeoverMs = Date.now() - killedAt;
      }
    }
    // Killed after the last round, half the agents' last events are left to the survivor's sweep alone.
    const sentAt = Date.now();
    const wrong = () =>
      agentIds.filter(
        (agent, i) => emulator.presenceOf(userOf(agent)).availability !== stateOf(i, ROUNDS - 1),
      );
    await eventually(() => wrong().length === 0, 60_000).catch(async () => {
      const stored = await storedStates(schema, wrong());
      assert.fail(
        `${wrong().length} of ${AGENTS} agents are in the wrong state in Teams; ` +
          `${await pendingCount(schema)} events pending; stored states of the wrong ones: ${stored}`,
      );
    });
    const settleMs = Date.now() - sentAt;
    await eventually(async () => (await pendingCount(schema)) === 0, 30_000);
    const setCalls = emulator.requests().filter((r) => r.path.endsWith('/setPresence'));
    const calls = setCalls.length;
    const duplicates = repeatedCalls(setCalls);
    console.log(
      `      ${accepted} events accepted, 0 pending (lost), 0 agents wrong; ${(calls / AGENTS).toFixed(2)} setPresence` +
        ` calls per agent, ${duplicates} repeating the presence just set; every shard on the survivor` +
        ` ${takeoverMs} ms after the SIGKILL; all right ${settleMs} ms after the last round`,
    );
  };

  it('applies every accepted event when one is killed after three of seven rounds', () => scenario(3));

  // Killed after the last round, half the agents' last events were accepted by the dead one: the survivor
  // takes its shards over and reads their pending work from the store in order.
  it("applies what the killed one accepted last, through the survivor's takeover", () => scenario(ROUNDS));
});

/** setPresence calls that set, for one user, the availability the previous call had just set. */
function repeatedCalls(calls: readonly { path: string; body: unknown }[]): number {
  const last = new Map<string, string>();
  let repeated = 0;
  for (const call of calls) {
    const user = call.path.split('/').at(-3) ?? '';
    const availability = (call.body as { availability?: string } | null)?.availability ?? '';
    if (last.get(user) === availability) repeated += 1;
    last.set(user, availability);
  }
  return repeated;
}

async function pendingCount(schema: string): Promise<number> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM "${schema}".inbox_events WHERE status = 'pending'`,
    );
    return Number(rows[0]?.n ?? 0);
  });
}

async function storedStates(schema: string, agents: string[]): Promise<string> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ agent_id: string; cc_state: string }>(
      `SELECT agent_id, cc_state FROM "${schema}".agent_sync_state WHERE agent_id = ANY($1) ORDER BY agent_id`,
      [agents],
    );
    return rows.map((r) => `${r.agent_id}=${r.cc_state}`).join(' ');
  });
}
