// Issue 11 item 2, through the engine with a real store: with SYNC_CONCURRENCY-style bounds, a burst of many
// agents never has more agent runs (so Graph writes) in flight than the bound, every agent still reaches its
// latest state, and an agent whose events pile up while it waits costs one write.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId, teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { KEEPER_PAGE, SyncEngine } from '../../src/sync/sync-engine';

const AGENTS = 300;

function slowGateway() {
  const shown = new Map<TeamsUserId, string>();
  const writes: TeamsUserId[] = [];
  let active = 0;
  let peak = 0;
  const gateway: PresenceGateway = {
    async setPresence(userId, presence) {
      active += 1;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 2));
      active -= 1;
      writes.push(userId);
      shown.set(userId, presence.activity);
      return { ok: true };
    },
    clearPresence: async () => ({ ok: true }),
    getPresences: async () => [],
  };
  return { gateway, shown, writes, peak: () => peak };
}

const stateEvent = (agent: string, state: string, at: number): InboxEvent =>
  ({
    id: ccEventId(randomUUID()),
    type: 'agent.state',
    occurredAt: new Date(at).toISOString(),
    agentId: agentId(agent),
    state,
  }) as InboxEvent;

describe('SyncEngine bounded work (issue 11 #2)', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'engine-bounds-'));
    store = openSqliteStore(dir);
    const createdAt = new Date().toISOString();
    for (let i = 0; i < AGENTS; i++) {
      await store.putLink({ agentId: agentId(`A${i}`), teamsUserId: teamsUserId(`u${i}`), createdAt });
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps runs in flight to the bound and the queue to its size, and brings every agent to its latest state', async () => {
    const g = slowGateway();
    const deps = {
      store,
      gateway: g.gateway,
      clock: systemClock,
      logger: silentLogger,
      profile: () => eightByEight,
      sessionMinutes: 30,
    };
    const engine = new SyncEngine(deps, { concurrency: 4, maxQueued: 50 });
    const t0 = Date.now() - 60_000;
    let peakQueued = 0;
    // Three changes per agent, the last one Busy; each batch kicks its agents as ingest does.
    for (const [step, state] of ['Busy', 'Available', 'Busy'].entries()) {
      const events = Array.from({ length: AGENTS }, (_, i) => stateEvent(`A${i}`, state, t0 + step * 1000));
      const accepted = await store.acceptEvents(events, new Date().toISOString());
      for (const a of accepted.agents) engine.kick(a);
      peakQueued = Math.max(peakQueued, engine.load().queued);
    }
    await engine.idle();
    assert.ok(g.peak() <= 4, `at most 4 writes in flight (saw ${g.peak()})`);
    assert.ok(peakQueued <= 50, `queue held to 50 (saw ${peakQueued})`);
    for (let i = 0; i < AGENTS; i++)
      assert.equal(g.shown.get(teamsUserId(`u${i}`)), 'InACall', `agent A${i}`);
    assert.deepEqual(await store.agentsWithPendingEvents(), []);
    // Agents that waited in the store saw all three events at once: one write, not three.
    assert.ok(g.writes.length < AGENTS * 2, `coalesced (got ${g.writes.length} writes for ${AGENTS} agents)`);
    await engine.stop(1000);
  });

  it('refreshes every due session, reading them from the store a page at a time (issue 11 #2)', async () => {
    const due = KEEPER_PAGE * 2 + 37;
    const createdAt = new Date().toISOString();
    await Promise.all(
      Array.from({ length: due - AGENTS }, (_, k) =>
        store.putLink({
          agentId: agentId(`A${AGENTS + k}`),
          teamsUserId: teamsUserId(`u${AGENTS + k}`),
          createdAt,
        }),
      ),
    );
    const expiresAt = new Date(Date.now() + 2 * 60_000).toISOString();
    await store.commit({
      agentStates: Array.from({ length: due }, (_, i) => ({
        agentId: agentId(`A${i}`),
        ccState: 'Busy',
        ccStateAt: createdAt,
        ccChangedBy: 'system' as const,
        session: { presence: { availability: 'Busy', activity: 'InACall' }, expiresAt },
        teams: null,
        hold: null,
      })),
    });
    const pages: (number | undefined)[] = [];
    const read = store.sessionsExpiringBefore.bind(store);
    store.sessionsExpiringBefore = async (before, page) => {
      pages.push(page?.limit);
      return read(before, page);
    };
    const g = slowGateway();
    const deps = {
      store,
      gateway: g.gateway,
      clock: systemClock,
      logger: silentLogger,
      profile: () => eightByEight,
      sessionMinutes: 30,
    };
    const engine = new SyncEngine(deps, { concurrency: 8, maxQueued: 5000 });
    await engine.start();
    for (let waited = 0; g.writes.length < due && waited < 20_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await engine.stop(1000);
    assert.equal(new Set(g.writes).size, due, 'every due session refreshed once');
    assert.deepEqual(pages, [KEEPER_PAGE, KEEPER_PAGE, KEEPER_PAGE]);
  });
});
