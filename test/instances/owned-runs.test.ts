// Issue 13, through the sync engine with a real store: only the owner of an agent's shard runs its work (a
// kick elsewhere wakes the owner; a gained shard's pending work runs from the store), and a state commit
// made stale by another instance's commit is refused and the run retried from a fresh read.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId, teamsUserId, type AgentId } from '../../src/domain/ids';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import type { Commit, Store } from '../../src/ports/store.port';
import { SUPERSEDED, type ChangeTicket } from '../../src/sync/budgeted-presence-gateway';
import { LEASE_LOST, underLease } from '../../src/sync/run-lease';
import { ShardGate } from '../../src/sync/shard-gate';
import { shardOf } from '../../src/sync/shards';
import { SyncEngine } from '../../src/sync/sync-engine';
import { eventually } from '../support/switchboard-fixture';

const A = agentId('OWN1');
const event = (id: string, state: string, second: number): InboxEvent =>
  ({
    id: ccEventId(id),
    type: 'agent.state',
    occurredAt: new Date(Date.now() - 60_000 + second * 1000).toISOString(),
    agentId: A,
    state,
  }) as InboxEvent;

function recordingGateway() {
  const writes: string[] = [];
  const gateway: PresenceGateway = {
    async setPresence(_user, presence) {
      writes.push(presence.availability);
      return { ok: true };
    },
    clearPresence: async () => ({ ok: true }),
    getPresences: async () => [],
  };
  return { gateway, writes };
}

describe('owned agent runs (issue 13)', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'owned-runs-'));
    store = openSqliteStore(dir);
    await store.putLink({
      agentId: A,
      teamsUserId: teamsUserId('u-own1'),
      createdAt: new Date().toISOString(),
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const depsWith = (s: Store, gateway: PresenceGateway) => ({
    store: s,
    gateway,
    clock: systemClock,
    logger: silentLogger,
    profile: () => eightByEight,
    sessionMinutes: 30,
  });

  it('runs an agent only where its shard is owned, waking the owner otherwise', async () => {
    const g = recordingGateway();
    const woken: AgentId[] = [];
    let engine: SyncEngine | null = null;
    const gate = new ShardGate({
      ownership: { wake: (a) => woken.push(a) },
      kick: (a) => engine?.kick(a),
      pendingAgents: () => store.agentsWithPendingEvents(),
      logger: silentLogger,
    });
    engine = new SyncEngine(depsWith(store, g.gateway), { gate });
    await store.acceptEvents([event('own-1', 'Busy', 1)], new Date().toISOString());
    engine.kick(A);
    await engine.idle();
    assert.deepEqual(woken, [A], 'the owner is woken');
    assert.deepEqual(g.writes, [], 'nothing runs here');
    gate.gained([shardOf(A)]);
    await eventually(() => g.writes.length === 1);
    await engine.idle();
    assert.deepEqual(await store.pendingEvents(A), []);
    assert.equal((await store.getAgentState(A))?.ccState, 'Busy');
    await engine.stop(100);
  });

  it('refuses a commit another instance made stale and runs again from the store', async () => {
    const g = recordingGateway();
    let raced = 0;
    // Another instance commits the agent's state between this run's read and its commit, once.
    const racing: Store = Object.create(store) as Store;
    racing.commit = async (commit: Commit) => {
      const state = commit.agentStates?.[0];
      if (state && raced === 0) {
        raced += 1;
        await store.commit({ agentStates: [{ ...state, ccState: 'Available', version: undefined }] });
      }
      return store.commit(commit);
    };
    const engine = new SyncEngine(depsWith(racing, g.gateway));
    await store.acceptEvents([event('own-2', 'Busy', 1)], new Date().toISOString());
    engine.kick(A);
    await eventually(async () => (await store.pendingEvents(A)).length === 0, 8000);
    await engine.idle();
    assert.equal(raced, 1);
    assert.equal((await store.eventStatus('own-2'))?.status, 'applied');
    const state = await store.getAgentState(A);
    assert.equal(state?.ccState, 'Busy');
    assert.equal(state?.version, 2, 'the racing commit (1), then the retried one');
    assert.ok(g.writes.length >= 1 && g.writes.at(-1) === 'Busy', `writes ${g.writes.join(',')}`);
    await engine.stop(100);
  });

  it("sweeps its own pending agents even when older work of other instances' shards fills a page", async () => {
    const g = recordingGateway();
    const gate = new ShardGate({
      ownership: { wake: () => undefined },
      kick: () => undefined,
      pendingAgents: async () => [],
      logger: silentLogger,
    });
    gate.gained([shardOf(A)]);
    const foreign: AgentId[] = [];
    for (let i = 0; foreign.length < 12; i++) {
      const id = agentId(`FOREIGN${i}`);
      if (shardOf(id) !== shardOf(A)) foreign.push(id);
    }
    const at = new Date().toISOString();
    await store.acceptEvents(
      foreign.map((id, i) => ({ ...event(`f-${i}`, 'Busy', 1), agentId: id }) as InboxEvent),
      at,
    );
    await store.acceptEvents([event('own-3', 'Busy', 2)], at);
    const engine = new SyncEngine(depsWith(store, g.gateway), { gate, maxQueued: 4 });
    await engine.start({ keeper: false });
    await eventually(async () => (await store.pendingEvents(A)).length === 0, 8000);
    assert.deepEqual(g.writes, ['Busy'], 'only its own agent ran here');
    assert.equal((await store.pendingEvents(foreign[0]!)).length, 1, "another instance's work stays pending");
    await engine.stop(100);
  });

  it('makes no Graph write from a run whose shard changed hands while it stalled', async () => {
    const mine = recordingGateway();
    const theirs = recordingGateway();
    const gate = new ShardGate({
      ownership: { wake: () => undefined },
      kick: () => undefined,
      pendingAgents: async () => [],
      logger: silentLogger,
    });
    gate.gained([shardOf(A)]);
    // This run has read the pending Busy, then stalls (a database outage) while the shard is lost, another
    // instance applies Busy and a newer Available, and the shard comes back here.
    let resume = () => {};
    let stalled = false;
    const stalling: Store = Object.create(store) as Store;
    stalling.getAgentState = async (id) => {
      if (!stalled) {
        stalled = true;
        await new Promise<void>((resolve) => (resume = resolve));
      }
      return store.getAgentState(id);
    };
    const engine = new SyncEngine(depsWith(stalling, mine.gateway), { gate });
    await store.acceptEvents([event('own-4', 'Busy', 1)], new Date().toISOString());
    engine.kick(A);
    await eventually(() => stalled);
    gate.lost([shardOf(A)]);
    const other = new SyncEngine(depsWith(store, theirs.gateway));
    other.kick(A);
    await other.idle();
    await store.acceptEvents([event('own-5', 'Available', 2)], new Date().toISOString());
    other.kick(A);
    await other.idle();
    gate.gained([shardOf(A)]);
    resume();
    await engine.idle();
    assert.deepEqual(theirs.writes, ['Busy', 'Available']);
    assert.deepEqual(mine.writes, [], 'the stalled run wrote nothing from its stale plan');
    assert.equal((await store.getAgentState(A))?.ccState, 'Available');
    await engine.stop(100);
    await other.stop(100);
  });

  it('turns a write that waited for its slot into a superseded one once the lease is lost', async () => {
    let held = true;
    const tickets: ChangeTicket[] = [];
    const leased = underLease(
      {
        ...depsWith(store, recordingGateway().gateway),
        changeGateway: (ticket) => (tickets.push(ticket), recordingGateway().gateway),
      },
      () => held,
    );
    leased.changeGateway?.({ changedAt: 0, superseded: async () => false });
    assert.equal(await tickets[0]?.superseded(), false);
    held = false;
    assert.equal(await tickets[0]?.superseded(), true);
    const result = await leased.gateway.setPresence(
      teamsUserId('u-x'),
      { availability: 'Busy', activity: 'InACall' },
      30,
    );
    assert.equal(!result.ok && result.code, LEASE_LOST);
  });

  it('reports a write skipped because the lease ran out during its wait as a retry, not as done', async () => {
    let held = true;
    const skipping: PresenceGateway = {
      ...recordingGateway().gateway,
      setPresence: async () => {
        held = false; // the shard is lost while the write waits for its slot; the scheduler skips it
        return { ok: false, retryable: false, status: 0, code: SUPERSEDED, message: 'skipped' };
      },
    };
    const leased = underLease({ ...depsWith(store, skipping), changeGateway: () => skipping }, () => held);
    const gateway = leased.changeGateway?.({ changedAt: 0, superseded: async () => false });
    const result = await gateway?.setPresence(
      teamsUserId('u-y'),
      { availability: 'Busy', activity: 'InACall' },
      30,
    );
    assert.equal(result && !result.ok && result.retryable && result.code, LEASE_LOST);
  });
});
