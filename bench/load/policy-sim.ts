// `npm run bench:policy`: the presence scheduler's policy alone, free of the machine. The same seeded mix as
// `npm run bench` runs through the real SyncEngine, BudgetedPresenceGateway and SQLite store on a fake clock,
// against a Graph that answers at once and enforces the quota; only scheduling delays what Teams shows, so
// two policies compare exactly however loaded the machine is. Figures as bench/load/metrics.ts defines them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId, teamsUserId } from '../../src/domain/ids';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { silentLogger } from '../../src/ports/logger.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { SyncEngine } from '../../src/sync/sync-engine';
import { FakeClock } from '../../test/support/fake-clock';
import { figures, type WantedChange } from './metrics';
import { generateMix, TARGETS } from './mix';
import type { RecordedWrite } from './recorder';

const QUOTA = 1500;
const WINDOW_MS = 30_000;
const TICK_MS = 50;
const SEED = 11;

interface Policy {
  readonly name: string;
  /** Visible changes' writes through forChange (newest first, superseded ones skipped). */
  readonly tickets: boolean;
  readonly concurrency: number;
}

/** Graph answering at once, enforcing the quota as the emulator does (a sliding window; 429s not counted). */
function quotaGraph(clock: FakeClock, writes: RecordedWrite[]): PresenceGateway {
  const accepted: number[] = [];
  const take = (): boolean => {
    const now = clock.now();
    while (accepted.length > 0 && (accepted[0] ?? now) <= now - WINDOW_MS) accepted.shift();
    if (accepted.length >= QUOTA) return false;
    accepted.push(now);
    return true;
  };
  const write = (user: string, activity: string | null) => {
    const ok = take();
    const now = clock.now();
    writes.push({ user, activity, arrivedAt: now, answeredAt: now, status: ok ? 200 : 429 });
    return ok
      ? ({ ok: true } as const)
      : ({ ok: false, retryable: true, status: 429, code: 'TooManyRequests', message: 'quota' } as const);
  };
  return {
    setPresence: async (userId, presence) => write(userId, presence.activity),
    clearPresence: async (userId) => write(userId, null),
    getPresences: async () => [],
  };
}

async function simulate(agents: number, drainMs: number, policy: Policy) {
  const dir = mkdtempSync(join(tmpdir(), 'policy-sim-'));
  const store = openSqliteStore(dir);
  const clock = new FakeClock(Date.parse('2026-12-01T09:00:00.000Z'));
  const users = Array.from({ length: agents }, (_, i) => `u${i}`);
  const createdAt = new Date(clock.now()).toISOString();
  for (const [i, user] of users.entries()) {
    await store.putLink({ agentId: agentId(`A${i}`), teamsUserId: teamsUserId(user), createdAt });
  }
  const writes: RecordedWrite[] = [];
  let asked = 0;
  let skipped = 0;
  const budget = new PresenceBudget(clock, { quota: QUOTA });
  const gateway = new BudgetedPresenceGateway(quotaGraph(clock, writes), budget, clock);
  const engine = new SyncEngine(
    {
      store,
      gateway,
      refreshGateway: gateway.forRefresh(),
      ...(policy.tickets
        ? {
            changeGateway: (t) =>
              gateway.forChange({
                changedAt: t.changedAt,
                superseded: async () => {
                  asked += 1;
                  const gone = await t.superseded();
                  if (gone) skipped += 1;
                  return gone;
                },
              }),
          }
        : {}),
      clock,
      logger: silentLogger,
      profile: () => eightByEight,
      sessionMinutes: 30,
    },
    { concurrency: policy.concurrency },
  );
  const loadMs = 60_000;
  const load = generateMix({ agents, durationMs: loadMs, seed: SEED, signInMs: 3000 });
  const start = clock.now();
  const wanted: (string | null)[] = users.map(() => null);
  const wantedLog: WantedChange[] = [];
  let next = 0;
  while (clock.now() - start < loadMs + drainMs) {
    const events: InboxEvent[] = [];
    for (; next < load.length && (load[next]?.at ?? Infinity) <= clock.now() - start; next++) {
      const c = load[next];
      if (!c) break;
      const activity = TARGETS[c.state];
      if (activity && activity !== wanted[c.agent]) {
        wanted[c.agent] = activity;
        wantedLog.push({ agent: c.agent, at: clock.now(), activity });
      }
      const at = new Date(clock.now()).toISOString();
      events.push({
        id: ccEventId(randomUUID()),
        type: 'agent.state',
        occurredAt: at,
        agentId: agentId(`A${c.agent}`),
        state: c.state,
      } as InboxEvent);
    }
    if (events.length > 0) {
      await store.acceptEvents(events, new Date(clock.now()).toISOString());
      for (const e of events) engine.kick(e.agentId);
    }
    await clock.run(TICK_MS, TICK_MS);
  }
  const until = clock.now();
  const shown = new Map<string, string | null>();
  for (const w of writes) if (w.status === 200) shown.set(w.user, w.activity);
  if (process.env.SIM_DEBUG) {
    const per10 = new Array<number>(Math.ceil((until - start) / 10_000)).fill(0);
    for (const w of writes) per10[Math.floor((w.arrivedAt - start) / 10_000)]! += 1;
    const bad = wanted
      .flatMap((a, i) => (a !== null && shown.get(users[i] ?? '') !== a ? [i] : []))
      .slice(0, 3);
    for (const i of bad) {
      console.error(
        'agent',
        i,
        'load',
        load
          .filter((c) => c.agent === i)
          .map((c) => `${c.at} ${c.state}`)
          .join(', '),
      );
      console.error(
        '  writes',
        writes
          .filter((w) => w.user === users[i])
          .map((w) => `${w.arrivedAt - start} ${w.activity} ${w.status}`)
          .join(', '),
      );
      const st = await store.getAgentState(agentId(`A${i}`));
      console.error(
        '  state',
        JSON.stringify(st),
        'pending',
        (await store.pendingEvents(agentId(`A${i}`))).length,
      );
    }
    console.error('superseded asked', asked, 'skipped', skipped);
    console.error(policy.name, engine.load(), gateway.queued(), 'writes per 10 s', per10.join(' '));
  }
  const wrong = wanted.filter((a, i) => a !== null && shown.get(users[i] ?? '') !== a).length;
  await engine.stop(1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  const userIndex = new Map(users.map((u, i) => [u, i]));
  return { ...figures(agents, userIndex, wantedLog, writes, until), wrongAtEnd: wrong };
}

// Grants paced to the quota's rate once over it were tried too (commit bd6a8b3): lower accuracy than
// bursts at 2,500 agents (79.4 % against 84.0 % with 32 runs), so the budget grants whatever it may.
const POLICIES: readonly Policy[] = [
  { name: 'oldest first, superseded sent, 32 runs', tickets: false, concurrency: 32 },
  { name: 'newest first, superseded skipped, 32 runs', tickets: true, concurrency: 32 },
  { name: 'newest first, superseded skipped, a run per agent', tickets: true, concurrency: 100_000 },
];

async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--agents='))?.slice('--agents='.length);
  const sizes = only ? only.split(',').map(Number) : [1000, 5000];
  console.log(
    '| agents | policy | staleness p50 / p99 / max | accuracy | writes per change (shown) | 429s | wrong after drain |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const agents of sizes) {
    const pick = process.argv.find((a) => a.startsWith('--policy='))?.slice('--policy='.length);
    for (const policy of POLICIES.filter(
      (_, i) => pick === undefined || pick.split(',').includes(String(i)),
    )) {
      const f = await simulate(agents, agents > 1000 ? 150_000 : 30_000, policy);
      const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      console.log(
        `| ${agents} | ${policy.name} | ${s(f.stalenessMs.p50)} / ${s(f.stalenessMs.p99)} / ${s(f.stalenessMs.max)} | ${(f.accuracy * 100).toFixed(2)} % | ${(f.writes / f.visibleChanges).toFixed(3)} (${(f.writes / f.shownChanges).toFixed(3)}) | ${f.throttled} | ${f.wrongAtEnd} |`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
