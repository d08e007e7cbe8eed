// Issue 7 item 9, memory: what long-lived objects remember stays bounded however long the service runs.
import assert from 'node:assert/strict';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { agentId, ccEventId } from '../../src/domain/ids';
import type { Metrics } from '../../src/ports/metrics.port';
import { noMetrics } from '../../src/ports/metrics.port';
import type { AccountWorker } from '../../src/subscriptions/account-worker';
import { instrumentedStore, MAX_TRACKED_EVENTS } from '../../src/sync/instrumented-store';
import { FakeClock } from '../support/fake-clock';
import { newUserId, startHarness, type Harness } from '../subscriptions/harness';

describe('bounded memory (issue 7 item 9)', () => {
  describe('AccountWorker', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(() => h.close());

    it('remembers one confirmed subscription per account however often it is replaced', async () => {
      h.store.link(newUserId());
      await h.setup.manager.start();
      const upn = 'sync-1@contoso.com';
      const added = await h.setup.manager.addAccount({
        name: 'sync-1',
        refreshToken: h.emulator.issueDelegatedRefreshToken(upn),
        userPrincipalName: upn,
      });
      assert.equal(added.ok, true);
      await h.setup.manager.idle();
      // The worker is the manager's private part; the count is a diagnostic made for this check.
      const worker = (h.setup.manager as unknown as { worker: AccountWorker }).worker;
      const ids = new Set<string | null | undefined>();
      for (let i = 0; i < 6; i += 1) {
        const user = newUserId();
        h.store.link(user);
        await h.setup.manager.reconcile();
        ids.add(h.setup.manager.listAccounts()[0]?.subscriptionId);
        assert.ok(h.setup.manager.coveredUsers().has(user));
        assert.equal(worker.verifiedCount, 1);
      }
      assert.equal(ids.size, 6, 'each change of users replaced the subscription');
    });
  });

  describe('instrumented store', () => {
    it('forgets settled events, and keeps at most MAX_TRACKED_EVENTS unsettled ones', async () => {
      const raw = openSqliteStore(':memory:');
      const lags: number[] = [];
      const metrics: Metrics = { ...noMetrics, eventLag: (_d, s) => lags.push(s) };
      const clock = new FakeClock(Date.parse('2026-01-01T00:00:00Z'));
      const logged: Record<string, unknown>[] = [];
      const logger = {
        debug: (fields: Record<string, unknown>) => logged.push(fields),
        info() {},
        warn() {},
        error() {},
      };
      const store = instrumentedStore(raw, metrics, clock, logger);
      const many = Array.from({ length: MAX_TRACKED_EVENTS + 5 }, (_, i) => ({
        id: ccEventId(`e${i}`),
        type: 'agent.state' as const,
        occurredAt: '2026-01-01T00:00:00Z',
        agentId: agentId(`A${i}`),
        state: 'Busy',
      }));
      await store.acceptEvents(many, '2026-01-01T00:00:00.000Z');
      for (const e of many) await store.pendingEvents(e.agentId);
      clock.advance(1500);
      // The oldest were forgotten (no lag known); the newest are still tracked.
      await store.commit({
        eventOutcomes: [
          { id: 'e0', outcome: 'applied' },
          { id: `e${MAX_TRACKED_EVENTS + 4}`, outcome: 'applied' },
        ],
      });
      assert.deepEqual(lags, [1.5]);
      assert.deepEqual(
        logged.map((l) => [l['eventId'], l['outcome'], l['lagMs']]),
        [
          ['e0', 'applied', undefined],
          [`e${MAX_TRACKED_EVENTS + 4}`, 'applied', 1500],
        ],
      );
      await raw.close();
    });
  });
});
