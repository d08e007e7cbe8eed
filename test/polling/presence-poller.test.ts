import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { agentId, teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import { silentLogger, type Logger } from '../../src/ports/logger.port';
import type { Store } from '../../src/ports/store.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { DEFAULT_RELEASE_MARGIN_MS, PresenceBudget } from '../../src/sync/presence-budget';
import {
  PresencePoller,
  pollingCapacity,
  type PresenceChange,
  type PresencePollerOptions,
} from '../../src/sync/presence-poller';
import { FakeClock } from '../support/fake-clock';
import { graphCalls, startSetup, type Setup } from '../graph/graph-fixture';

const INTERVAL = 10_000;
const IN_A_CALL = { availability: 'Busy', activity: 'InACall' };

describe('PresencePoller (Graph emulator over HTTP)', () => {
  let setup: Setup;
  let store: Store;
  let clock: FakeClock;
  let reported: PresenceChange[][];
  let logged: { level: string; msg: string; fields: Record<string, unknown> }[];
  let pollers: PresencePoller[];

  beforeEach(async () => {
    setup = await startSetup();
    store = openSqliteStore(':memory:');
    clock = new FakeClock();
    reported = [];
    logged = [];
    pollers = [];
  });
  afterEach(async () => {
    for (const p of pollers) await p.stop(1000);
    await store.close();
    await setup.emulator.close();
  });

  const logger: Logger = {
    ...silentLogger,
    info: (fields, msg) => logged.push({ level: 'info', msg, fields }),
    warn: (fields, msg) => logged.push({ level: 'warn', msg, fields }),
  };

  let budgeted: BudgetedPresenceGateway | undefined;
  /** Every read made so far answered: a slot starts its window at its answer, so the clock waits for it. */
  const answered = async () => {
    while ((budgeted?.active() ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  function poller(options: Partial<PresencePollerOptions> = {}, quota = 1500) {
    const budget = new PresenceBudget(clock, { quota });
    const gateway = new BudgetedPresenceGateway(setup.gateway, budget, clock);
    budgeted = gateway;
    const p = new PresencePoller(store, gateway, clock, logger, {
      maxIntervalMs: INTERVAL,
      onChanged: async (changes) => void reported.push(changes),
      ...options,
    });
    pollers.push(p);
    return p;
  }

  async function link(count: number): Promise<TeamsUserId[]> {
    const users: TeamsUserId[] = [];
    for (let i = 0; i < count; i += 1) {
      const user = teamsUserId(randomUUID());
      await store.putLink({
        agentId: agentId(`A${i}`),
        teamsUserId: user,
        createdAt: new Date().toISOString(),
      });
      users.push(user);
    }
    return users;
  }

  /** The ids each getPresencesByUserId request asked for. */
  const reads = () =>
    graphCalls(setup.emulator)
      .filter((r) => r.path.endsWith('/communications/getPresencesByUserId'))
      .map((r) => (r.body as { ids: string[] }).ids);

  async function nextRound(p: PresencePoller): Promise<void> {
    clock.advance(INTERVAL);
    await p.idle();
  }

  const presenceNow = (user: string) => setup.emulator.presenceOf(user);

  it('reports exactly the user whose Teams client presence changed, at the next round', async () => {
    const [alice, bob, carol] = await link(3);
    const p = poller();
    p.start();
    await p.idle();
    assert.equal(reported.flat().length, 3, 'with nothing stored, the first round reports everyone once');

    reported = [];
    await nextRound(p);
    assert.deepEqual(reported, [], 'unchanged users are not reported');

    setup.emulator.setClientPresence(bob!, IN_A_CALL);
    await p.idle();
    assert.deepEqual(reported, [], 'nothing before the next round');
    await nextRound(p);
    assert.deepEqual(reported, [
      [
        {
          agentId: 'A1',
          teamsUserId: bob,
          presence: { ...IN_A_CALL, sequenceNumber: presenceNow(bob!).sequenceNumber },
        },
      ],
    ]);
    assert.equal(reads().length, 3);
    assert.deepEqual(reads()[2]?.sort(), [alice, bob, carol].sort());
  });

  it('seeds what it has seen from the store, so a restart does not report everyone again', async () => {
    const [alice, bob] = await link(2);
    setup.emulator.setClientPresence(alice!, { availability: 'Available', activity: 'Available' });
    setup.emulator.setClientPresence(bob!, IN_A_CALL);
    const observedAt = new Date(clock.now()).toISOString();
    await store.commit({
      agentStates: [
        {
          agentId: agentId('A0'),
          ccState: 'Available',
          ccStateAt: null,
          ccChangedBy: null,
          session: null,
          hold: null,
          teams: { ...presenceNow(alice!), observedAt },
        },
        {
          agentId: agentId('A1'),
          ccState: 'Available',
          ccStateAt: null,
          ccChangedBy: null,
          session: null,
          hold: null,
          teams: { availability: 'Available', activity: 'Available', observedAt },
        },
      ],
    });
    const p = poller();
    p.start();
    await p.idle();
    assert.deepEqual(
      reported.flat().map((c) => [c.agentId, c.presence.activity]),
      [['A1', 'InACall']],
      'only bob, whose stored presence is out of date',
    );
  });

  it('does not read users a live subscription covers, and polls them again once uncovered', async () => {
    const [alice, bob] = await link(2);
    let covered = new Set<string>([bob!.toUpperCase()]);
    const p = poller({ covered: () => covered });
    p.start();
    await p.idle();
    setup.emulator.setClientPresence(bob!, IN_A_CALL);
    await nextRound(p);
    assert.deepEqual(reads(), [[alice], [alice]]);
    assert.deepEqual(
      reported.flat().map((c) => c.teamsUserId),
      [alice],
    );

    covered = new Set();
    await nextRound(p);
    assert.deepEqual(reads()[2]?.sort(), [alice, bob].sort());
    assert.deepEqual(
      reported.flat().map((c) => c.teamsUserId),
      [alice, bob],
    );
  });

  it('reads 1,300 linked users in 2 getPresencesByUserId requests per round', async () => {
    await link(1300);
    const p = poller();
    p.start();
    await p.idle();
    await nextRound(p);
    assert.deepEqual(
      reads().map((ids) => ids.length),
      [650, 650, 650, 650],
    );
    assert.equal(new Set(reads().slice(0, 2).flat()).size, 1300);
  });

  // Issue 11: a round over 100,000 users holds a page of links, not all of them.
  it('reads the links a page at a time (one read per batch of the page), and every user once a round', async () => {
    const users = await link(1400);
    const pages: (number | undefined)[] = [];
    const listLinks = store.listLinks.bind(store);
    store.listLinks = async (page) => {
      pages.push(page?.limit);
      return listLinks(page);
    };
    const p = poller({ concurrentReads: 1 });
    p.start();
    await p.idle();
    assert.deepEqual(pages, [650, 650, 650]);
    assert.deepEqual(
      reads().map((ids) => ids.length),
      [650, 650, 100],
    );
    assert.deepEqual(new Set(reads().flat()), new Set(users));
    assert.equal(reported.flat().length, 1400);
    await nextRound(p);
    assert.equal(reported.flat().length, 1400, 'nothing changed, nothing reported again');
  });

  it('a failed batch is logged and its changes are reported next round', async () => {
    const [alice] = await link(1);
    const p = poller();
    p.start();
    await p.idle();
    reported = [];
    setup.emulator.setClientPresence(alice!, IN_A_CALL);
    setup.emulator.injectFaults({ status: 500, count: 1 });
    await nextRound(p);
    assert.equal(reported.length, 0);
    assert.ok(logged.some((l) => l.level === 'warn' && l.msg.startsWith('presence poll failed')));
    await nextRound(p);
    assert.deepEqual(
      reported.flat().map((c) => c.presence.activity),
      ['InACall'],
    );
  });

  it('changes the consumer did not take are reported again next round', async () => {
    await link(1);
    let fail = true;
    const p = poller({
      onChanged: async (changes) => {
        if (fail) throw new Error('queue unavailable');
        reported.push(changes);
      },
    });
    p.start();
    await p.idle();
    fail = false;
    await nextRound(p);
    assert.equal(reported.flat().length, 1);
  });

  it('waits for the quota instead of exceeding it, and says once that polling is quota-bound', async () => {
    await link(651); // 2 requests a round
    const p = poller({}, 3); // 3 requests per 30 s, all of them open to reads (3 - floor(0.6))
    p.start();
    await p.idle();
    clock.advance(INTERVAL); // round 2: one read fits, the other waits until 30 s after the first answer
    while (reads().length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(reads().length, 3);
    clock.advance(20_000 + DEFAULT_RELEASE_MARGIN_MS);
    await p.idle();
    assert.equal(reads().length, 4);
    await answered();
    clock.advance(30_000 + DEFAULT_RELEASE_MARGIN_MS); // later rounds stay quota-bound
    await p.idle();
    const bound = logged.filter((l) => l.msg.startsWith('Teams presence polling is quota-bound'));
    assert.equal(bound.length, 1);
    assert.deepEqual(bound[0]?.fields, {
      users: 651,
      batches: 2,
      intervalMs: INTERVAL,
      roundMs: 20_000 + DEFAULT_RELEASE_MARGIN_MS,
    });
  });
});

describe('pollingCapacity', () => {
  it('is the reads’ share of the quota spread over the rounds of a 30 s window, 650 users a request', () => {
    assert.equal(pollingCapacity(1500, 20, 10), 400 * 650); // 1,200 reads / 3 rounds
    assert.equal(pollingCapacity(1500, 20, 7), 240 * 650); // 5 rounds start within any 30 s
    assert.equal(pollingCapacity(1500, 20, 60), 1200 * 650);
    assert.equal(pollingCapacity(10, 20, 10), 2 * 650);
  });
});
