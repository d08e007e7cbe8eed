// Issue 11 item 1, the scheduler's policy over the quota, on the fake clock: waiting visible changes go newest
// first; a change superseded while it waited costs no write and hands its slot on; a set our live session
// already shows is not sent; the quota can be changed at run time (a share of the tenant's).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId, teamsUserId } from '../../src/domain/ids';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import type { StoredInboxEvent } from '../../src/ports/store.port';
import {
  BudgetedPresenceGateway,
  SUPERSEDED,
  type ChangeTicket,
} from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { changeTicket, writePresence } from '../../src/sync/presence-writer';
import { FakeClock } from '../support/fake-clock';

const WINDOW = 30_000;
const BUSY = { availability: 'Busy', activity: 'InACall' };
const AVAILABLE = { availability: 'Available', activity: 'Available' };

function recordingGateway() {
  const sent: string[] = [];
  const inner: PresenceGateway = {
    setPresence: async (userId, presence) => (sent.push(`${userId} ${presence.activity}`), { ok: true }),
    clearPresence: async (userId) => (sent.push(`${userId} clear`), { ok: true }),
    getPresences: async () => (sent.push('read'), []),
  };
  return { inner, sent };
}

/** A budget of `quota` writes already spent at the clock's start, and the gateway over it. */
async function fullBudget(clock: FakeClock, quota: number) {
  const { inner, sent } = recordingGateway();
  const budget = new PresenceBudget(clock, { quota, releaseMarginMs: 0 });
  const gateway = new BudgetedPresenceGateway(inner, budget, clock);
  await Promise.all(Array.from({ length: quota }, () => gateway.clearPresence(teamsUserId('fill'))));
  sent.length = 0;
  return { budget, gateway, sent };
}

const ticket = (changedAt: number, superseded = false): ChangeTicket & { asked: number } => {
  const t = {
    changedAt,
    asked: 0,
    superseded: async () => {
      t.asked += 1;
      return superseded;
    },
  };
  return t;
};

describe('presence scheduler policy over the quota (issue 11 #1)', () => {
  it('serves waiting visible changes newest first, equal times first come', async () => {
    const clock = new FakeClock();
    const { gateway, sent } = await fullBudget(clock, 4);
    const t0 = clock.now();
    const waiting = [
      gateway.forChange(ticket(t0 - 9000)).setPresence(teamsUserId('old'), BUSY, 30),
      gateway.forChange(ticket(t0 - 1000)).setPresence(teamsUserId('new'), BUSY, 30),
      gateway.forChange(ticket(t0 - 5000)).setPresence(teamsUserId('mid-a'), BUSY, 30),
      gateway.forChange(ticket(t0 - 5000)).setPresence(teamsUserId('mid-b'), BUSY, 30),
    ];
    assert.deepEqual(sent, [], 'nothing is sent while the window is full');
    await clock.run(WINDOW + 100);
    await Promise.all(waiting);
    assert.deepEqual(sent, ['new InACall', 'mid-a InACall', 'mid-b InACall', 'old InACall']);
  });

  it('gives a waiting write with no change time (a correction) the time it was asked for', async () => {
    const clock = new FakeClock();
    const { gateway, sent } = await fullBudget(clock, 2);
    const t0 = clock.now();
    const waiting = [
      gateway.forChange(ticket(t0 - 60_000)).setPresence(teamsUserId('waited-a-minute'), BUSY, 30),
      gateway.setPresence(teamsUserId('correction'), AVAILABLE, 30),
    ];
    await clock.run(WINDOW + 100);
    await Promise.all(waiting);
    assert.deepEqual(sent, ['correction Available', 'waited-a-minute InACall']);
  });

  it('does not send a change superseded while it waited, and its slot goes to the next write', async () => {
    const clock = new FakeClock();
    const { budget, gateway, sent } = await fullBudget(clock, 2);
    const t0 = clock.now();
    const gone = ticket(t0, true);
    const kept = ticket(t0 - 1000);
    const results = [
      gateway.forChange(gone).setPresence(teamsUserId('gone'), BUSY, 30),
      gateway.forChange(kept).setPresence(teamsUserId('kept'), BUSY, 30),
    ];
    await clock.run(WINDOW + 100);
    const [goneResult, keptResult] = await Promise.all(results);
    assert.deepEqual(goneResult, { ...goneResult, ok: false, code: SUPERSEDED });
    assert.deepEqual(keptResult, { ok: true });
    assert.equal(gone.asked, 1);
    assert.deepEqual(sent, ['kept InACall']);
    assert.equal(budget.available('write'), 1, 'the superseded change took no slot');
    await gateway.setPresence(teamsUserId('next'), AVAILABLE, 30);
    assert.deepEqual(sent, ['kept InACall', 'next Available'], 'sent at once, in the freed slot');
  });

  it('does not ask whether a change was superseded when it is granted at once (within the quota)', async () => {
    const clock = new FakeClock();
    const { inner, sent } = recordingGateway();
    const gateway = new BudgetedPresenceGateway(inner, new PresenceBudget(clock, { quota: 5 }), clock);
    const t = ticket(clock.now(), true);
    assert.deepEqual(await gateway.forChange(t).setPresence(teamsUserId('u'), BUSY, 30), { ok: true });
    assert.equal(t.asked, 0);
    assert.deepEqual(sent, ['u InACall']);
  });

  it('setQuota: a lower quota applies at once, a higher one is trusted back step by step', () => {
    const clock = new FakeClock();
    const budget = new PresenceBudget(clock, { quota: 100, writeReservePct: 20, releaseMarginMs: 0 });
    budget.setQuota(10);
    assert.equal(budget.quota, 10);
    assert.equal(budget.available('write'), 10);
    assert.equal(budget.readLimit, 8);
    budget.setQuota(20);
    assert.equal(budget.trustedQuota, 10, 'not all at once');
    for (let windows = 1; windows <= 5; windows++) {
      clock.advance(WINDOW);
      budget.tryTake('write');
      budget.release({ status: 200 });
    }
    assert.equal(budget.trustedQuota, 20, 'back to the new quota within a few windows');
    assert.throws(() => budget.setQuota(0), RangeError);
  });
});

const stored = (id: string, state: string, at: number): StoredInboxEvent =>
  ({
    event: {
      id: ccEventId(id),
      type: 'agent.state',
      occurredAt: new Date(at).toISOString(),
      agentId: agentId('A1'),
      state,
    } as InboxEvent,
  }) as StoredInboxEvent;

describe('presence writer policy (issue 11 #1)', () => {
  const clock = new FakeClock();
  const now = clock.now();

  it('a change is superseded only by a pending state event the pass did not read, at least as new', async () => {
    const applied = stored(randomUUID(), 'Busy', now);
    let pending: StoredInboxEvent[] = [applied];
    const store = { pendingEvents: async () => pending };
    const t = changeTicket(store, agentId('A1'), [applied], applied.event as { occurredAt: string });
    assert.equal(t.changedAt, now);
    assert.equal(await t.superseded(), false, 'only what the pass read');
    pending = [applied, stored(randomUUID(), 'Available', now - 5000)];
    assert.equal(await t.superseded(), false, 'an older event is stale, not newer');
    pending = [applied, stored(randomUUID(), 'Available', now + 5000)];
    assert.equal(await t.superseded(), true);
  });

  it('a newer state that changes nothing in Teams does not supersede the change it follows', async () => {
    const applied = stored(randomUUID(), 'Busy', now);
    const pending = [applied, stored(randomUUID(), 'Wrap-up', now + 5000)];
    const store = { pendingEvents: async () => pending };
    const visible = (state: string) => state !== 'Wrap-up';
    const t = changeTicket(store, agentId('A1'), [applied], applied.event as { occurredAt: string }, visible);
    assert.equal(await t.superseded(), false, 'Wrap-up keeps showing the call: the write must go');
    pending.push(stored(randomUUID(), 'Available', now + 9000));
    assert.equal(await t.superseded(), true);
  });

  it('does not send a set our live session already shows, unless a refresh is near', async () => {
    const { inner, sent } = recordingGateway();
    const deps = { gateway: inner, clock, sessionMinutes: 30 };
    const action = { kind: 'setPresence', presence: BUSY } as const;
    const live = { presence: BUSY, expiresAt: new Date(now + 25 * 60_000).toISOString() };
    assert.deepEqual(await writePresence(deps, teamsUserId('u'), action, live), {
      kind: 'done',
      session: live,
    });
    assert.deepEqual(sent, []);
    const ending = { presence: BUSY, expiresAt: new Date(now + 4 * 60_000).toISOString() };
    const refreshed = await writePresence(deps, teamsUserId('u'), action, ending);
    assert.equal(
      refreshed.kind === 'done' && refreshed.session?.expiresAt,
      new Date(now + 30 * 60_000).toISOString(),
    );
    const other = { presence: AVAILABLE, expiresAt: live.expiresAt };
    await writePresence(deps, teamsUserId('u'), action, other);
    assert.deepEqual(sent, ['u InACall', 'u InACall']);
  });

  it('reports a superseded change as done with the session unchanged, and says why', async () => {
    const clock = new FakeClock();
    const { inner, sent } = recordingGateway();
    const budget = new PresenceBudget(clock, { quota: 1, releaseMarginMs: 0 });
    const gateway = new BudgetedPresenceGateway(inner, budget, clock);
    await gateway.clearPresence(teamsUserId('fill'));
    const deps = {
      gateway,
      changeGateway: (t: ChangeTicket) => gateway.forChange(t),
      clock,
      sessionMinutes: 30,
    };
    const current = { presence: AVAILABLE, expiresAt: new Date(now + 60_000).toISOString() };
    const action = { kind: 'setPresence', presence: BUSY } as const;
    const outcome = writePresence(deps, teamsUserId('u'), action, current, ticket(now, true));
    await clock.run(WINDOW + 100);
    const result = await outcome;
    assert.equal(result.kind, 'done');
    assert.equal(result.kind === 'done' && result.session, current);
    assert.match(result.kind === 'done' ? (result.refusal ?? '') : '', /newer state/);
    assert.deepEqual(sent, ['fill clear']);
  });
});
