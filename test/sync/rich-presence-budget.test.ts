// Issue #10 part 3: status messages and preferred presence are presence writes: each waits for the tenant's
// budget like setPresence, in the write lane (ahead of reads), and a 429 is retried above the budget.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../src/domain/ids';
import type { PresenceGateway, RichPresenceGateway } from '../../src/ports/presence-gateway.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { FakeClock } from '../support/fake-clock';

const U = teamsUserId('u-1');
const OFF_WORK = { availability: 'Offline', activity: 'OffWork' };

describe('rich presence calls through the presence budget (issue 10)', () => {
  it('takes a write slot per call and goes before a waiting read', async () => {
    const clock = new FakeClock();
    const order: string[] = [];
    const inner: PresenceGateway = {
      setPresence: async () => (order.push('set'), { ok: true }),
      clearPresence: async () => (order.push('clear'), { ok: true }),
      getPresences: async () => (order.push('read'), []),
    };
    const rich: RichPresenceGateway = {
      setStatusMessage: async (_u, message, expiresAt) => (
        order.push(`message ${message} ${expiresAt}`),
        { ok: true }
      ),
      clearStatusMessage: async () => (order.push('clear message'), { ok: true }),
      setPreferredPresence: async (_u, p) => (
        order.push(`prefer ${p.availability}/${p.activity}`),
        { ok: true }
      ),
      clearPreferredPresence: async () => (order.push('clear preferred'), { ok: true }),
    };
    const budget = new PresenceBudget(clock, { quota: 5, writeReservePct: 20 });
    const gateway = new BudgetedPresenceGateway(inner, budget, clock);
    const budgeted = gateway.rich(rich);
    await Promise.all(Array.from({ length: 5 }, () => gateway.clearPresence(U)));
    const waiting = [
      gateway.getPresences([U]),
      budgeted.setStatusMessage(U, 'Wrap-up', '2026-12-01T10:30:00.000Z'),
      budgeted.setPreferredPresence(U, OFF_WORK),
      budgeted.clearStatusMessage(U),
      budgeted.clearPreferredPresence(U),
    ];
    assert.deepEqual(gateway.queued(), { write: 4, read: 1 });
    await clock.run(5 * 30_000);
    await Promise.all(waiting);
    assert.deepEqual(order.slice(5), [
      'message Wrap-up 2026-12-01T10:30:00.000Z',
      'prefer Offline/OffWork',
      'clear message',
      'clear preferred',
      'read',
    ]);
  });

  it('retries a throttled status message above the budget and hands back its success', async () => {
    const clock = new FakeClock();
    let attempts = 0;
    const rich: RichPresenceGateway = {
      setStatusMessage: async () =>
        ++attempts < 3
          ? {
              ok: false,
              retryable: true,
              status: 429,
              code: 'TooManyRequests',
              message: 'slow down',
              retryAfterMs: 1000,
            }
          : { ok: true },
      clearStatusMessage: async () => ({ ok: true }),
      setPreferredPresence: async () => ({ ok: true }),
      clearPreferredPresence: async () => ({ ok: true }),
    };
    const inner: PresenceGateway = {
      setPresence: async () => ({ ok: true }),
      clearPresence: async () => ({ ok: true }),
      getPresences: async () => [],
    };
    const gateway = new BudgetedPresenceGateway(inner, new PresenceBudget(clock, { quota: 100 }), clock);
    const result = gateway.rich(rich).setStatusMessage(U, 'On break, back soon');
    await clock.run(30_000);
    assert.deepEqual(await result, { ok: true });
    assert.equal(attempts, 3);
    assert.equal(gateway.throttled(), 2);
  });
});
