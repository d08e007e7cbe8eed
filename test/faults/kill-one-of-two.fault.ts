// Issue 13 part 3: two instances on one PostgreSQL schema under steady load (every agent's event of a round
// goes to one instance or the other, rotating), one killed with SIGKILL mid-load while the load goes on to
// the survivor. Every accepted event must reach a final outcome, applied in order per agent, Teams must show
// each agent's last event, and the survivor must take over what the dead one accepted (takeover time).
import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { databaseUrl, dropSchema, freshSchema } from '../support/pg-schema';
import { GRAPH_TOKEN, eventually } from '../support/switchboard-fixture';
import { Instances } from './instances';
import { SteadyLoad, agentIds, linkAgents, report, sleep, userOf } from './load';
import { outcomesOf, pgInbox, pgStoredStates, presenceTrail, wrongInTeams } from './outcomes';

const AGENTS = 40;
const ROUNDS = 24;
const KILL_AFTER = 10;
const ROUND_MS = 250;

describe('fault: kill -9 of one of two instances under steady load (PostgreSQL)', function () {
  this.timeout(150_000);
  let emulator: GraphEmulator;
  let schema: string;
  let instances: Instances;

  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    schema = freshSchema('fault');
    instances = new Instances(emulator, { DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema });
  });
  afterEach(async () => {
    await instances.close();
    await emulator.close();
    await dropSchema(schema);
  });

  const scenario = async (killAfter: number, name: string) => {
    const [a, b] = [await instances.start(), await instances.start()];
    const agents = agentIds(AGENTS, 'K');
    await linkAgents(a.url, agents);
    let live = [a.url, b.url];
    const load = new SteadyLoad(agents, () => live);
    let killedAt = 0;
    let lastSentAt = 0;
    let acceptedByDead: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const statuses = await load.next();
      lastSentAt = Date.now();
      assert.ok(
        statuses.every((s) => s === 202),
        `round ${round}: ${statuses.join(',')}`,
      );
      if (round === killAfter - 1) {
        acceptedByDead = load.accepted
          .filter((e) => (e.round + agents.indexOf(e.agentId)) % 2 === 0)
          .map((e) => e.id);
        await instances.kill(a);
        killedAt = Date.now();
        live = [b.url];
      }
      await sleep(ROUND_MS);
    }
    // Takeover: from the kill until nothing the dead instance accepted is pending any more.
    const deadSet = new Set(acceptedByDead);
    await eventually(async () => {
      const rows = await pgInbox(databaseUrl, schema);
      return !rows.some((r) => deadSet.has(r.id) && r.status === 'pending');
    }, 60_000);
    const takeoverMs = Date.now() - killedAt;
    const last = load.lastAccepted();
    const presence = (agent: string) => emulator.presenceOf(userOf(agent)).availability;
    await eventually(async () => {
      const rows = await pgInbox(databaseUrl, schema);
      return outcomesOf(load.accepted, rows).pending === 0 && wrongInTeams(last, presence).length === 0;
    }, 60_000).catch(() => undefined);
    const settledMs = Date.now() - killedAt;
    const outcomes = outcomesOf(load.accepted, await pgInbox(databaseUrl, schema));
    const wrong = wrongInTeams(last, presence);
    report(`kill-one-of-two-${name}`, {
      sent: load.sent,
      accepted: load.accepted.length,
      applied: outcomes.byStatus['applied'] ?? 0,
      superseded_or_stale: (outcomes.byStatus['superseded'] ?? 0) + (outcomes.byStatus['stale'] ?? 0),
      lost: outcomes.lost.length,
      agents_wrong_in_teams: wrong.length,
      out_of_order_agents: outcomes.outOfOrderAgents.length,
      accepted_by_killed: acceptedByDead.length,
      last_round_ms_after_kill: lastSentAt - killedAt,
      takeover_ms: takeoverMs,
      all_settled_ms_after_kill: settledMs,
    });
    assert.ok(instances.alive(b), 'the survivor is still running');
    // The sweep runs every 10 s and takes up what was pending at two sweeps in a row.
    assert.ok(takeoverMs <= 30_000, `the survivor took ${takeoverMs} ms to take over, more than 30 s`);
    assert.deepEqual(outcomes.lost, [], 'every accepted event reached a final outcome');
    assert.deepEqual(outcomes.outOfOrderAgents, [], 'no agent had a newer event applied before an older one');
    const expected = wrong.map((agent) => `${agent}=${last.get(agent)?.state}/${presence(agent)}`).join(' ');
    const trails = wrong
      .map((agent) => `${agent}: ${presenceTrail(emulator.requests(), userOf(agent), killedAt)}`)
      .join('; ');
    assert.deepEqual(
      wrong,
      [],
      `Teams shows every agent's last accepted state; last accepted/Teams: ${expected}; ` +
        `calls (ms after ${'killedAt'}): ${trails}; stored: ${await pgStoredStates(databaseUrl, schema, wrong)}`,
    );
  };

  it('applies every accepted event, in order per agent, and the survivor takes over (killed mid-load)', () =>
    scenario(KILL_AFTER, 'mid-load'));

  // Here the dead instance's last events are every other agent's last ones, left to the survivor's sweep.
  // Both cases fail now and then on main before shard ownership (issue 13 item 1), before the kill as much as
  // after it: both instances may work one agent at once, and the one committing second may have called
  // setPresence first, so Teams keeps the older state while the store has the newer (the message shows the
  // calls). Kept as the proof still owed, not weakened.
  it('applies what the killed one accepted last, through the survivor (killed after its last batch)', () =>
    scenario(ROUNDS, 'after-last-batch'));
});
