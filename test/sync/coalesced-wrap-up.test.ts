// Issue 11 regression (found by bench/load/policy-sim.ts over the quota): a call and the wrap-up after it,
// applied in one pass because the agent waited for the quota, must show In a call in Teams. Coalescing them
// into "Wrap-up, no change" left Teams showing Available for the whole wrap-up, and after the backlog drained.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId, teamsUserId } from '../../src/domain/ids';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { SyncEngine } from '../../src/sync/sync-engine';

const A = agentId('A1');
const stateEvent = (state: string, at: number): InboxEvent =>
  ({
    id: ccEventId(randomUUID()),
    type: 'agent.state',
    occurredAt: new Date(at).toISOString(),
    agentId: A,
    state,
  }) as InboxEvent;

describe('coalesced call and wrap-up (issue 11)', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'wrap-up-'));
    store = openSqliteStore(dir);
    await store.putLink({ agentId: A, teamsUserId: teamsUserId('u1'), createdAt: new Date().toISOString() });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows In a call when Busy and Wrap-up are applied together, with one write', async () => {
    const writes: string[] = [];
    const gateway: PresenceGateway = {
      setPresence: async (_u, presence) => (writes.push(presence.activity), { ok: true }),
      clearPresence: async () => (writes.push('clear'), { ok: true }),
      getPresences: async () => [],
    };
    const deps = {
      store,
      gateway,
      clock: systemClock,
      logger: silentLogger,
      profile: () => eightByEight,
      sessionMinutes: 30,
    };
    const engine = new SyncEngine(deps, { concurrency: 2 });
    const t0 = Date.now() - 60_000;
    const now = new Date().toISOString();
    await store.acceptEvents([stateEvent('Available', t0)], now);
    engine.kick(A);
    await engine.idle();
    await store.acceptEvents([stateEvent('Busy', t0 + 20_000), stateEvent('Wrap-up', t0 + 50_000)], now);
    engine.kick(A);
    await engine.idle();
    await engine.stop(1000);
    assert.deepEqual(writes, ['Available', 'InACall']);
    const state = await store.getAgentState(A);
    assert.equal(state?.ccState, 'Wrap-up');
    assert.equal(state?.session?.presence.activity, 'InACall');
  });
});
