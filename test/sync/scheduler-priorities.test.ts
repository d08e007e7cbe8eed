// Issue 11 item 1: a visible change goes to Graph before a session refresh, which goes before a poll; and
// refreshes of sessions set in one burst are spread (a stable jittered lead per agent) instead of one burst.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../src/domain/ids';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { REFRESH_MARGIN_MS, refreshLeadMs } from '../../src/sync/session-reconciler';
import { FakeClock } from '../support/fake-clock';

const BUSY = { availability: 'Busy', activity: 'InACall' };

describe('presence scheduler priorities (issue 11 #1)', () => {
  it('serves a waiting change, then a waiting refresh, then a waiting read, whatever their arrival order', async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    const inner: PresenceGateway = {
      setPresence: async (userId) => (order.push(`set ${userId}`), { ok: true }),
      clearPresence: async (userId) => (order.push(`clear ${userId}`), { ok: true }),
      getPresences: async () => (order.push('read'), []),
    };
    const budget = new PresenceBudget(clock, { quota: 5, writeReservePct: 20 });
    const gateway = new BudgetedPresenceGateway(inner, budget, clock);
    const refresh = gateway.forRefresh();
    const fill = Array.from({ length: 5 }, () => gateway.clearPresence(teamsUserId('fill')));
    await Promise.all(fill);
    const waiting = [
      gateway.getPresences([teamsUserId('r')]),
      refresh.setPresence(teamsUserId('refresh'), BUSY, 30),
      gateway.setPresence(teamsUserId('change'), BUSY, 30),
    ];
    assert.deepEqual(gateway.queued(), { write: 2, read: 1 });
    await clock.run(3 * 30_000);
    await Promise.all(waiting);
    assert.deepEqual(order.slice(5), ['set change', 'set refresh', 'read']);
  });

  it('spreads refresh leads over five minutes beyond the margin, stable per agent', () => {
    const leads = Array.from({ length: 2000 }, (_, i) => refreshLeadMs(`agent-${i}`, 30));
    assert.ok(leads.every((l) => l >= REFRESH_MARGIN_MS && l < REFRESH_MARGIN_MS + 5 * 60_000));
    // Five one-minute buckets of the spread, each holding roughly a fifth of the agents.
    const buckets = [0, 0, 0, 0, 0];
    for (const l of leads) buckets[Math.floor((l - REFRESH_MARGIN_MS) / 60_000)]! += 1;
    for (const b of buckets) assert.ok(b > 300 && b < 500, `uneven spread ${buckets.join(',')}`);
    assert.equal(refreshLeadMs('agent-7', 30), leads[7]);
    // A short session is not refreshed more often: a 10 min one keeps the plain margin, 20 min a 2.5 min spread.
    assert.equal(refreshLeadMs('agent-7', 10), REFRESH_MARGIN_MS);
    assert.ok(refreshLeadMs('agent-7', 20) < REFRESH_MARGIN_MS + 150_000);
  });
});
