// The presence budget checked against the Graph emulator enforcing the same quota, on the real clock, with
// requests that reach Graph a little after the budget grants them (as under load). Regression for issue 11:
// a budget that stamps requests at their grant frees its window before Graph does, and Graph answers 429.
import assert from 'node:assert/strict';
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import type { TeamsPresence } from '../../src/domain/presence';
import { systemClock } from '../../src/ports/clock.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { graphCalls, startSetup, type Setup } from '../graph/graph-fixture';

const QUOTA = 10;
const WINDOW_MS = 1_000;
const BUSY: TeamsPresence = { availability: 'Busy', activity: 'InACall' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Each call leaves 10–120 ms after its grant: the event loop, TLS and the network under a burst. */
function lateArrivals(inner: PresenceGateway): PresenceGateway {
  const late = () => sleep(10 + Math.floor(Math.random() * 110));
  return {
    setPresence: async (id, p, m) => (await late(), inner.setPresence(id, p, m)),
    clearPresence: async (id) => (await late(), inner.clearPresence(id)),
    getPresences: async (ids) => (await late(), inner.getPresences(ids)),
  };
}

const users = (n: number): TeamsUserId[] =>
  Array.from({ length: n }, (_, i) => teamsUserId(`6e8a9c52-4a3b-4d5e-9f01-${String(i).padStart(12, '0')}`));

describe('presence budget against the emulator enforcing the same quota (real clock)', function () {
  this.timeout(30_000);
  let setup: Setup;

  beforeEach(async () => {
    // No SDK retries: as in production, retries happen above the budget.
    setup = await startSetup(
      { quota: { requests: QUOTA, windowSeconds: WINDOW_MS / 1000 } },
      { maxRetries: 0 },
    );
  });
  afterEach(async () => setup.emulator.close());

  function budgeted(): { gateway: BudgetedPresenceGateway; budget: PresenceBudget } {
    const budget = new PresenceBudget(systemClock, { quota: QUOTA, windowMs: WINDOW_MS, writeReservePct: 0 });
    const gateway = new BudgetedPresenceGateway(lateArrivals(setup.gateway), budget, systemClock);
    return { gateway, budget };
  }

  it('a burst of three quotas of writes gets no 429 and every write lands', async () => {
    const { gateway } = budgeted();
    const results = await Promise.all(users(3 * QUOTA).map((u) => gateway.setPresence(u, BUSY, 30)));
    assert.ok(
      results.every((r) => r.ok),
      JSON.stringify(results.filter((r) => !r.ok)),
    );
    const statuses = graphCalls(setup.emulator).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 429).length, 0, 'Graph never had to throttle');
    assert.equal(statuses.length, 3 * QUOTA, 'one request per write');
    assert.equal(gateway.throttled(), 0);
  });

  it('on injected 429s it pauses everyone, retries above the budget, and counts every attempt', async () => {
    const { gateway, budget } = budgeted();
    setup.emulator.injectFaults({ status: 429, count: 2, retryAfterSeconds: 1 });
    const started = Date.now();
    const results = await Promise.all(users(QUOTA).map((u) => gateway.setPresence(u, BUSY, 30)));
    assert.ok(
      results.every((r) => r.ok),
      'the throttled writes were retried to success',
    );
    const statuses = graphCalls(setup.emulator).map((r) => r.status);
    assert.equal(statuses.filter((s) => s === 429).length, 2, 'only the injected ones');
    assert.equal(statuses.length, QUOTA + 2, 'each retry is one more counted attempt, none below us');
    assert.equal(gateway.throttled(), 2);
    assert.ok(Date.now() - started >= 1_000, 'the budget waited for Retry-After');
    assert.ok(budget.trustedQuota < QUOTA, 'and now trusts a lower quota');
  });

  it('hands a call that stays throttled back as retryable instead of retrying for ever', async () => {
    const { gateway } = budgeted();
    setup.emulator.injectFaults({ status: 503, count: 10, retryAfterSeconds: 0 });
    const result = await gateway.setPresence(users(1)[0] ?? teamsUserId('x'), BUSY, 30);
    assert.equal(result.ok, false);
    assert.ok(!result.ok && result.retryable && result.status === 503);
    assert.equal(graphCalls(setup.emulator).length, 4, 'MAX_THROTTLED_ATTEMPTS attempts');
  });
});
