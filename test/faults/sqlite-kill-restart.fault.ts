// Issue 13 part 3, the embedded store: the single instance (SQLite in DATA_DIR) is killed with SIGKILL while
// a batch is in flight, under steady load, and started again on the same DATA_DIR. Every event it answered
// 202 for, before or after the kill, must reach a final outcome, and Teams must show each agent's last one.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { GRAPH_TOKEN, eventually } from '../support/switchboard-fixture';
import { Instances } from './instances';
import { SteadyLoad, agentIds, linkAgents, report, sleep, userOf } from './load';
import { outcomesOf, sqliteInbox, wrongInTeams } from './outcomes';

const AGENTS = 30;
const ROUND_MS = 200;
const BEFORE_ROUNDS = 10;
const AFTER_ROUNDS = 10;

describe('fault: kill -9 of the single instance mid-load, restarted on the same DATA_DIR (SQLite)', function () {
  this.timeout(120_000);
  let emulator: GraphEmulator;
  let instances: Instances;
  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    instances = new Instances(emulator, {});
  });
  afterEach(async () => {
    await instances.close();
    await emulator.close();
  });

  it('loses nothing it accepted', async () => {
    const dataDir = instances.dataDir();
    let child = await instances.start(dataDir);
    const agents = agentIds(AGENTS, 'S');
    await linkAgents(child.url, agents);
    let url = child.url;
    const load = new SteadyLoad(agents, () => [url]);
    for (let round = 0; round < BEFORE_ROUNDS; round += 1) {
      assert.deepEqual(await load.next(), [202], `round ${round}`);
      await sleep(ROUND_MS);
    }
    // The kill lands while the next batch is being accepted: it may or may not have been stored.
    const inFlight = load.next();
    await sleep(5);
    await instances.kill(child);
    const killedAt = Date.now();
    const [inFlightStatus] = await inFlight;
    child = await instances.start(dataDir);
    const restartMs = Date.now() - killedAt;
    url = child.url;
    for (let round = 0; round < AFTER_ROUNDS; round += 1) {
      assert.deepEqual(await load.next(), [202], `round ${round} after the restart`);
      await sleep(ROUND_MS);
    }
    const file = join(dataDir, 'switchboard.db');
    const last = load.lastAccepted();
    const presence = (agent: string) => emulator.presenceOf(userOf(agent)).availability;
    await eventually(
      () =>
        outcomesOf(load.accepted, sqliteInbox(file)).pending === 0 &&
        wrongInTeams(last, presence).length === 0,
      60_000,
    ).catch(() => undefined);
    const settledMs = Date.now() - killedAt;
    const outcomes = outcomesOf(load.accepted, sqliteInbox(file));
    const wrong = wrongInTeams(last, presence);
    report('sqlite-kill-restart', {
      sent: load.sent,
      accepted: load.accepted.length,
      applied: outcomes.byStatus['applied'] ?? 0,
      lost: outcomes.lost.length,
      agents_wrong_in_teams: wrong.length,
      out_of_order_agents: outcomes.outOfOrderAgents.length,
      batch_in_flight_at_kill: inFlightStatus === 202 ? 'accepted' : `unanswered(${inFlightStatus})`,
      restart_ms: restartMs,
      all_settled_ms_after_kill: settledMs,
    });
    assert.deepEqual(outcomes.lost, [], 'every accepted event reached a final outcome');
    assert.deepEqual(outcomes.outOfOrderAgents, [], 'no agent had a newer event applied before an older one');
    assert.deepEqual(wrong, [], "Teams shows every agent's last accepted state");
  });
});
