// Issue 13 part 3: Graph answers every request 429 (Retry-After: 5) for 30 s and then 503 (no Retry-After)
// for 30 s, while the contact center keeps sending. Afterwards every accepted event must be applied and Teams
// must show each agent's last state; during the 429s no presence request may reach Graph inside a
// Retry-After it was given, and the requests sent during the fault stay bounded (no 429 storm).
import assert from 'node:assert/strict';
import { sqliteInbox, outcomesOf, wrongInTeams } from './outcomes';
import { SteadyLoad, agentIds, linkAgents, report, sleep, userOf } from './load';
import { eventually, startFixture, type Fixture } from '../support/switchboard-fixture';
import { join } from 'node:path';

const AGENTS = 20;
const PHASE_MS = 30_000;
const RETRY_AFTER_S = 5;
const ROUND_MS = 1000;
/** An answer already on its way when a 429 came back may still arrive just after it. */
const IN_FLIGHT_SLACK_MS = 1000;
const PRESENCE = /\/(setPresence|clearPresence|getPresencesByUserId)$/;

describe('fault: Graph answering 429 and then 503 for a minute', function () {
  this.timeout(180_000);
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  it('applies everything afterwards, honours Retry-After and sends no storm of requests', async () => {
    const agents = agentIds(AGENTS, 'G');
    await linkAgents(f.app.url, agents);
    const load = new SteadyLoad(agents, () => [f.app.url]);
    await load.next();
    const emulator = f.emulator;
    const start = Date.now();
    emulator.injectFaults({ status: 429, count: 1_000_000, retryAfterSeconds: RETRY_AFTER_S });
    let switched = false;
    while (Date.now() - start < 2 * PHASE_MS) {
      if (!switched && Date.now() - start >= PHASE_MS) {
        emulator.clearFaults();
        emulator.injectFaults({ status: 503, count: 1_000_000 });
        switched = true;
      }
      assert.deepEqual(await load.next(), [202], 'the contact center is still accepted');
      await sleep(ROUND_MS);
    }
    emulator.clearFaults();
    const end = Date.now();
    const last = load.lastAccepted();
    const presence = (agent: string) => emulator.presenceOf(userOf(agent)).availability;
    const file = join(f.dataDir, 'switchboard.db');
    await eventually(
      () =>
        outcomesOf(load.accepted, sqliteInbox(file)).pending === 0 &&
        wrongInTeams(last, presence).length === 0,
      90_000,
    ).catch(() => undefined);
    const recoveryMs = Date.now() - end;
    const outcomes = outcomesOf(load.accepted, sqliteInbox(file));
    const wrong = wrongInTeams(last, presence);

    const during = emulator.requests().filter((r) => r.at >= start && r.at <= end);
    const throttled = during.filter((r) => r.status === 429);
    const unavailable = during.filter((r) => r.status === 503);
    const presenceCalls = emulator.requests().filter((r) => PRESENCE.test(r.path.split('?')[0] ?? ''));
    const early = presenceCalls.filter((r) =>
      throttled.some((t) => r.at > t.at + IN_FLIGHT_SLACK_MS && r.at < t.at + RETRY_AFTER_S * 1000),
    );
    const in429 = during.filter((r) => r.at < start + PHASE_MS).length;
    const in503 = during.length - in429;
    report('graph-throttled', {
      sent: load.sent,
      accepted: load.accepted.length,
      applied: outcomes.byStatus['applied'] ?? 0,
      lost: outcomes.lost.length,
      agents_wrong_in_teams: wrong.length,
      graph_requests_during_429s: in429,
      answered_429: throttled.length,
      graph_requests_during_503s: in503,
      answered_503: unavailable.length,
      presence_requests_inside_retry_after: early.length,
      all_applied_ms_after_fault: recoveryMs,
    });
    assert.deepEqual(outcomes.lost, [], 'every accepted event reached a final outcome');
    assert.deepEqual(wrong, [], "Teams shows every agent's last accepted state");
    assert.equal(early.length, 0, 'no presence request reached Graph inside a Retry-After it was given');
    // One burst of at most every waiting call per pause: Retry-After (5 s) during the 429s, 1 s for a 503.
    const burst = AGENTS + 10;
    assert.ok(in429 <= (PHASE_MS / (RETRY_AFTER_S * 1000) + 1) * burst, `${in429} requests during the 429s`);
    assert.ok(in503 <= (PHASE_MS / 1000 + 1) * burst, `${in503} requests during the 503s`);
  });
});
