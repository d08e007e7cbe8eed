import assert from 'node:assert/strict';
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget, readShare } from '../../src/sync/presence-budget';
import { FakeClock } from '../support/fake-clock';

const WINDOW = 30_000;
const U = teamsUserId('6e8a9c52-4a3b-4d5e-9f01-2b3c4d5e6f70');

/** A request granted and answered at once (margin 0 where a test says so). */
function takeAndAnswer(budget: PresenceBudget, kind: 'write' | 'read'): number {
  const wait = budget.tryTake(kind);
  if (wait === 0) budget.release({ status: 200 });
  return wait;
}

describe('PresenceBudget', () => {
  it('grants reads up to the quota less the writes’ reserve, and writes up to the quota', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 10, writeReservePct: 20 });
    assert.equal(budget.readLimit, 8);
    for (let i = 0; i < 8; i += 1) assert.equal(budget.tryTake('read'), 0);
    assert.equal(budget.available('read'), 0);
    assert.equal(budget.available('write'), 2);
    assert.equal(budget.tryTake('read'), WINDOW);
    assert.equal(budget.tryTake('write'), 0);
    assert.equal(budget.tryTake('write'), 0);
    assert.equal(budget.tryTake('write'), WINDOW);
  });

  it('slides: a request counts for exactly one window from when it was taken', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 3, writeReservePct: 0, releaseMarginMs: 0 });
    takeAndAnswer(budget, 'write');
    clock.advance(10_000);
    takeAndAnswer(budget, 'write');
    clock.advance(10_000);
    takeAndAnswer(budget, 'read');
    assert.equal(takeAndAnswer(budget, 'read'), 10_000, 'the first request leaves the window at 30 s');
    clock.advance(9_999);
    assert.equal(takeAndAnswer(budget, 'write'), 1);
    clock.advance(1);
    assert.equal(budget.available('read'), 1);
    assert.equal(takeAndAnswer(budget, 'read'), 0);
    assert.equal(takeAndAnswer(budget, 'read'), 10_000, 'then the second, 10 s later');
  });

  it('reports how long until enough requests leave for a read when writes crowd the window', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 10, writeReservePct: 20, releaseMarginMs: 0 });
    for (let i = 0; i < 10; i += 1) {
      takeAndAnswer(budget, 'write');
      clock.advance(1000);
    }
    // 10 in the window, reads may fill it to 8: the 3rd oldest (taken at 2 s) must leave, at 32 s.
    assert.equal(takeAndAnswer(budget, 'read'), 32_000 - 10_000);
  });

  it('holds a slot from its grant until its answer is in, then for one window plus the margin', () => {
    // Regression (issue 11): a slot stamped at its grant freed before Graph, which counts at arrival.
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 2, writeReservePct: 0, releaseMarginMs: 500 });
    assert.equal(budget.tryTake('write'), 0);
    assert.equal(budget.tryTake('write'), 0);
    clock.advance(40_000); // both still in flight: no window has started for them
    assert.ok(budget.tryTake('write') > 0, 'in-flight requests keep their slots');
    budget.release({ status: 200 });
    clock.advance(1_000);
    budget.release({ status: 200 });
    clock.advance(29_499);
    assert.equal(budget.tryTake('write'), 1, 'the first answer counts until 30 s after it plus 500 ms');
    clock.advance(1);
    assert.equal(budget.tryTake('write'), 0);
  });

  it('pauses every caller for a 429’s Retry-After and trusts a lower quota, then recovers slowly', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 100, writeReservePct: 0, releaseMarginMs: 0 });
    assert.equal(budget.tryTake('write'), 0);
    budget.release({ status: 429, retryAfterMs: 5_000 });
    assert.equal(budget.tryTake('write'), 5_000, 'paused for Retry-After');
    assert.equal(budget.available('read'), 0);
    assert.equal(budget.trustedQuota, 80);
    assert.equal(budget.usage().limit, 80, 'what /metrics and admin health show as the limit');
    clock.advance(5_000);
    assert.equal(budget.tryTake('write'), 0);
    budget.release({ status: 429, retryAfterMs: 1_000 });
    assert.equal(budget.trustedQuota, 80, 'one burst of 429s within a window lowers the quota once');
    clock.advance(31_000);
    assert.equal(budget.tryTake('write'), 0);
    budget.release({ status: 200 });
    assert.equal(budget.trustedQuota, 90, 'a window without 429 gives back a tenth');
    clock.advance(30_000);
    budget.tryTake('write');
    budget.release({ status: 200 });
    assert.equal(budget.trustedQuota, 100, 'never above the configured quota');
    clock.advance(60_000);
    budget.tryTake('write');
    assert.equal(budget.trustedQuota, 100);
  });

  it('pauses on 503 without lowering the quota', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 10 });
    budget.tryTake('write');
    budget.release({ status: 503 });
    assert.equal(budget.pausedFor(), 1_000, 'a 503 without Retry-After pauses for a second');
    assert.equal(budget.trustedQuota, 10);
  });

  it('rejects a quota or reserve it cannot honour', () => {
    const clock = new FakeClock();
    assert.throws(() => new PresenceBudget(clock, { quota: 0 }), RangeError);
    assert.throws(() => new PresenceBudget(clock, { quota: 10, writeReservePct: 100 }), RangeError);
    assert.equal(readShare(1500, 20), 1200);
    assert.equal(readShare(1, 20), 1);
  });
});

/** A PresenceGateway that records when (on the clock) each call reached it. */
function recordingGateway(clock: FakeClock) {
  const calls: { kind: 'write' | 'read'; at: number }[] = [];
  const gateway: PresenceGateway = {
    setPresence: async () => (calls.push({ kind: 'write', at: clock.now() }), { ok: true }),
    clearPresence: async () => (calls.push({ kind: 'write', at: clock.now() }), { ok: true }),
    getPresences: async (ids) => (
      calls.push({ kind: 'read', at: clock.now() }),
      ids.map((userId) => ({ userId, availability: 'Available', activity: 'Available' }))
    ),
  };
  return { gateway, calls };
}

/** The most calls (optionally of one kind) in any window of 30 s. */
function busiestWindow(calls: { kind: string; at: number }[], kind?: string): number {
  const times = calls.filter((c) => !kind || c.kind === kind).map((c) => c.at);
  let most = 0;
  for (const end of times) most = Math.max(most, times.filter((t) => t > end - WINDOW && t <= end).length);
  return most;
}

describe('BudgetedPresenceGateway', () => {
  const QUOTA = 100;

  function setup() {
    const clock = new FakeClock();
    const { gateway: inner, calls } = recordingGateway(clock);
    const budget = new PresenceBudget(clock, { quota: QUOTA, writeReservePct: 20 });
    return { clock, calls, gateway: new BudgetedPresenceGateway(inner, budget, clock) };
  }

  it('never makes more than the quota in any 30 s window under mixed load, and makes every call', async () => {
    const { clock, calls, gateway } = setup();
    const done: Promise<unknown>[] = [];
    const load = (at: number, reads: number, writes: number) =>
      clock.setTimer(at, () => {
        for (let i = 0; i < reads; i += 1) done.push(gateway.getPresences([U]));
        for (let i = 0; i < writes; i += 1)
          done.push(
            i % 2
              ? gateway.clearPresence(U)
              : gateway.setPresence(U, { availability: 'Busy', activity: 'InACall' }, 30),
          );
      });
    load(0, 150, 10);
    load(4_000, 0, 40);
    load(17_500, 60, 5);
    load(31_000, 200, 30);
    load(45_000, 20, 60);
    await clock.run(300_000);
    await Promise.all(done);
    assert.equal(calls.length, 150 + 10 + 40 + 60 + 5 + 200 + 30 + 20 + 60);
    assert.equal(busiestWindow(calls), QUOTA);
    assert.ok(busiestWindow(calls, 'read') <= 80, 'reads stay within their share');
  });

  it('keeps the writes’ reserve free while reads are queued', async () => {
    const { clock, calls, gateway } = setup();
    const reads = Array.from({ length: 300 }, () => gateway.getPresences([U]));
    assert.equal(calls.length, 80, 'reads stop at their share');
    await clock.run(10_000);
    const writes = Array.from({ length: 20 }, () =>
      gateway.setPresence(U, { availability: 'Available', activity: 'Available' }, 30),
    );
    await Promise.all(writes);
    assert.deepEqual(
      calls.filter((c) => c.kind === 'write').map((c) => c.at),
      Array(20).fill(clock.now()),
      'every write within the reserve went at once',
    );
    await clock.run(200_000);
    await Promise.all(reads);
    assert.equal(calls.length, 320);
  });

  it('serves waiting writes before waiting reads that queued earlier', async () => {
    const { clock, calls, gateway } = setup();
    const first = Array.from({ length: QUOTA }, () => gateway.clearPresence(U));
    clock.advance(1);
    const read = gateway.getPresences([U]);
    clock.advance(1);
    const write = gateway.clearPresence(U);
    assert.deepEqual(gateway.queued(), { write: 1, read: 1 });
    await clock.run(WINDOW + 1_000);
    await Promise.all([...first, read, write]);
    const after = calls.slice(QUOTA).map((c) => c.kind);
    assert.deepEqual(after, ['write', 'read']);
  });

  it('an empty read costs nothing; a failing call rejects its caller only', async () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 5 });
    const failing: PresenceGateway = {
      setPresence: async () => ({ ok: true }),
      clearPresence: async () => ({ ok: true }),
      getPresences: async (ids: readonly TeamsUserId[]) => {
        if (ids.length > 0) throw new Error('graph down');
        return [];
      },
    };
    const gateway = new BudgetedPresenceGateway(failing, budget, clock);
    assert.deepEqual(await gateway.getPresences([]), []);
    assert.equal(budget.available('write'), 5);
    await assert.rejects(gateway.getPresences([U]), /graph down/);
    assert.deepEqual(await gateway.clearPresence(U), { ok: true });
    assert.equal(budget.available('write'), 3);
  });
});
