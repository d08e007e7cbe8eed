// Issue 7 item 9, the store: the pruner's schedule and window on a fake clock, over the real SQLite store
// (test/store/contract/housekeeping.contract.ts proves both adapters' prune), and EVENT_RETENTION_HOURS.
import assert from 'node:assert/strict';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { parseConfig } from '../../src/config';
import { agentId, ccEventId } from '../../src/domain/ids';
import type { StoreHousekeeping } from '../../src/ports/housekeeping.port';
import { silentLogger } from '../../src/ports/logger.port';
import { Pruner } from '../../src/sync/pruner';
import { FakeClock } from '../support/fake-clock';
import { eventually } from '../support/switchboard-fixture';

const HOUR = 3_600_000;
const A = agentId('A1');
const event = (id: string) => ({
  id: ccEventId(id),
  type: 'agent.state' as const,
  occurredAt: new Date().toISOString(),
  agentId: A,
  state: 'Busy',
});

async function settled(store: SqliteStore, ids: string[]): Promise<void> {
  await store.acceptEvents(ids.map(event), new Date().toISOString());
  await store.commit({ eventOutcomes: ids.map((id) => ({ id, outcome: 'applied' as const })) });
}

const isDuplicate = async (store: SqliteStore, id: string) =>
  (await store.acceptEvents([event(id)], new Date().toISOString())).duplicates === 1;

describe('retention and pruning (issue 7 item 9)', () => {
  let store: SqliteStore;
  let clock: FakeClock;
  beforeEach(() => {
    store = openSqliteStore(':memory:');
    clock = new FakeClock(Date.now());
  });
  afterEach(() => store.close());

  it('keeps settled events inside the window and prunes them on schedule once it has passed', async () => {
    await settled(store, ['e1', 'e2', 'e3', 'e4', 'e5']);
    const runs: Record<string, unknown>[] = [];
    const logger = { ...silentLogger, info: (fields: Record<string, unknown>) => runs.push(fields) };
    const pruner = new Pruner(store, clock, logger, { retentionMs: 72 * HOUR, batch: 2 });
    // Each run schedules the next when it has finished; one timer pending means the last run is done.
    const ranAndRescheduled = () => eventually(() => clock.pendingTimers() === 1);
    pruner.start();
    clock.advance(HOUR / 10); // first run, 6 min after start
    await ranAndRescheduled();
    clock.advance(73 * HOUR); // the next run is due 1 h later: still inside the window
    await ranAndRescheduled();
    assert.equal(runs.length, 0, 'nothing was older than the window yet');
    assert.equal(await isDuplicate(store, 'e1'), true);
    clock.advance(HOUR); // this run is past the window
    await eventually(() => runs.length === 1);
    assert.equal(runs[0]?.['inboxEvents'], 5, 'batches of 2 until none was left');
    assert.equal(await isDuplicate(store, 'e2'), false);
    await pruner.stop();
  });

  it('logs a failing prune and tries again on the next run', async () => {
    const errors: string[] = [];
    let calls = 0;
    const failing: StoreHousekeeping = {
      prune: () =>
        calls++ === 0 ? Promise.reject(new Error('disk full')) : store.prune(new Date(0).toISOString(), 10),
      outboxBacklog: () => store.outboxBacklog(),
    };
    const logger = { ...silentLogger, error: (_f: Record<string, unknown>, msg: string) => errors.push(msg) };
    const pruner = new Pruner(failing, clock, logger, { retentionMs: HOUR, intervalMs: HOUR });
    pruner.start();
    clock.advance(HOUR / 10);
    await eventually(() => errors.length === 1);
    clock.advance(HOUR);
    await eventually(() => calls === 2);
    await pruner.stop();
  });

  it('reads EVENT_RETENTION_HOURS: default 72, 1 to 8760, anything else stops start-up naming it', () => {
    assert.equal(parseConfig({}).eventRetentionHours, 72);
    assert.equal(parseConfig({ EVENT_RETENTION_HOURS: '1' }).eventRetentionHours, 1);
    for (const bad of ['0', '8761', 'a week', '1.5']) {
      assert.throws(
        () => parseConfig({ EVENT_RETENTION_HOURS: bad }),
        /EVENT_RETENTION_HOURS must be an integer from 1 to 8760/,
      );
    }
  });
});
