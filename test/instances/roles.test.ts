// Issue 13 item 1, through the real service: two instances on one PostgreSQL schema run each once-per-tenant
// role (Teams watch, session keeper, pruner, outbound, sweep) exactly once between them, and when the leader shuts
// down the other takes every role over within the bound (retry every 2 s).
import assert from 'node:assert/strict';
import { LEADER_ROLES } from '../../src/ports/leadership.port';
import { eventually } from '../support/switchboard-fixture';
import { startPair, type Pair } from './two-instances';

const sorted = (roles: readonly string[]) => [...roles].sort();

describe('two instances on PostgreSQL: one runner per role', function () {
  this.timeout(60_000);
  let pair: Pair;
  beforeEach(async () => (pair = await startPair({ CC_OUTBOUND_URL: 'http://127.0.0.1:9/cc' })));
  afterEach(() => pair.close());

  it('runs every role on exactly one instance, and on the other once the leader stops', async () => {
    const { a, b } = pair;
    const everyRole = sorted(LEADER_ROLES);
    await eventually(
      () => a.app.roles.active().length + b.app.roles.active().length === LEADER_ROLES.length,
      10_000,
    );
    for (const role of LEADER_ROLES) {
      const runners = [a, b].filter((f) => f.app.roles.active().includes(role));
      assert.equal(runners.length, 1, `${role} runs on ${runners.length} instances`);
    }
    const leader = a.app.roles.active().length > 0 ? a : b;
    const follower = leader === a ? b : a;
    assert.deepEqual(sorted(leader.app.roles.active()), everyRole, 'the first to start leads them all');
    const stoppedAt = Date.now();
    await pair.stop(leader);
    await eventually(() => follower.app.roles.active().length === LEADER_ROLES.length, 10_000);
    const takeoverMs = Date.now() - stoppedAt;
    console.log(`      every role taken over ${takeoverMs} ms after the leader stopped`);
    assert.deepEqual(sorted(follower.app.roles.active()), everyRole);
    assert.ok(takeoverMs < 6000, `takeover took ${takeoverMs} ms`);
  });
});
