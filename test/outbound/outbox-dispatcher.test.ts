import assert from 'node:assert/strict';
import { HttpContactCenterTransport } from '../../src/adapters/cc-http';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { agentId } from '../../src/domain/ids';
import type { ContactCenterTransport } from '../../src/ports/contact-center.port';
import { silentLogger, type Logger } from '../../src/ports/logger.port';
import type { OutboxEntry, Store } from '../../src/ports/store.port';
import { OutboxDispatcher, type OutboxDispatcherOptions } from '../../src/sync/outbox-dispatcher';
import { FakeClock } from '../support/fake-clock';
import { startReceiver, type Receiver } from './receiver';

const SECRET = 'outbound-secret';
const A1 = agentId('A1');
const A2 = agentId('A2');

describe('OutboxDispatcher (real SQLite store, HTTP receiver)', () => {
  let clock: FakeClock;
  let store: Store;
  let receiver: Receiver;
  let warnings: string[];
  let logger: Logger;
  let running: OutboxDispatcher[];

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    store = openSqliteStore(':memory:');
    receiver = await startReceiver(SECRET, () => clock.now() / 1000);
    warnings = [];
    logger = { ...silentLogger, warn: (_fields, msg) => warnings.push(msg) };
    running = [];
  });
  afterEach(async () => {
    for (const d of running) await d.stop(1000);
    await receiver.close();
    await store.close();
  });

  /** Only the retry timers wake it by default (idle polling hourly), so every step below is exact. */
  function dispatcher(options: OutboxDispatcherOptions = {}, transport?: ContactCenterTransport) {
    const http = new HttpContactCenterTransport({ url: receiver.url, secret: SECRET, clock });
    const options_ = { random: () => 1, idlePollMs: 3_600_000, ...options };
    const d = new OutboxDispatcher(store, transport ?? http, clock, logger, options_);
    running.push(d);
    return d;
  }

  async function queue(...messages: [string, string][]): Promise<void> {
    const outbound = messages.map(([agent, id]) => {
      const body = { id, type: 'agent.state.requested', agentId: agent, state: 'Work Offline' };
      return { id, agentId: agentId(agent), type: body.type, body };
    });
    await store.commit({ outbound });
  }

  async function head(agent = A1): Promise<OutboxEntry> {
    const [first] = await store.outboundFor(agent);
    assert.ok(first, `${agent} has a pending or parked message`);
    return first;
  }

  /** Moves the clock to when the agent's head message is due and lets the round finish. */
  async function untilRetried(d: OutboxDispatcher, agent = A1): Promise<void> {
    clock.advanceTo(Date.parse((await head(agent)).nextAttemptAt));
    await d.idle();
  }

  const ids = (bodies: any[], agent?: string) =>
    bodies.filter((b) => !agent || b.agentId === agent).map((b) => b.id as string);

  it('delivers every message signed, in order per agent, and delivers new ones when kicked', async () => {
    await queue(['A1', 'a1'], ['A2', 'b1'], ['A1', 'a2'], ['A2', 'b2'], ['A1', 'a3']);
    const d = dispatcher();
    d.start();
    await d.idle();
    assert.deepEqual(ids(receiver.accepted(), 'A1'), ['a1', 'a2', 'a3']);
    assert.deepEqual(ids(receiver.accepted(), 'A2'), ['b1', 'b2']);
    assert.ok(receiver.received.every((r) => r.signed && r.status === 200));
    assert.deepEqual(await store.outboundFor(A1), []);

    await queue(['A2', 'b3']);
    await d.idle();
    assert.equal(
      receiver.received.length,
      5,
      'nothing is sent before the kick (idle polling is hourly here)',
    );
    d.kick();
    await d.idle();
    assert.deepEqual(ids(receiver.accepted(), 'A2'), ['b1', 'b2', 'b3']);
  });

  it('a receiver that is down gets every message afterwards, in order', async () => {
    await receiver.down();
    await queue(['A1', 'a1'], ['A1', 'a2'], ['A1', 'a3']);
    const d = dispatcher();
    d.start();
    await d.idle();
    for (let i = 0; i < 3; i += 1) await untilRetried(d);
    const stuck = await head();
    assert.equal(stuck.id, 'a1');
    assert.equal(stuck.attempts, 4);
    assert.match(stuck.lastError ?? '', /ECONNREFUSED/);

    await receiver.up();
    await untilRetried(d);
    assert.deepEqual(ids(receiver.accepted()), ['a1', 'a2', 'a3']);
    assert.ok(receiver.received.every((r) => r.signed));
    assert.deepEqual(await store.outboundFor(A1), []);
  });

  it('retries 500s with a backoff that doubles and is capped, then delivers', async () => {
    let calls = 0;
    receiver.respond = () => ({ status: ++calls <= 4 ? 500 : 200 });
    await queue(['A1', 'a1']);
    const d = dispatcher({ random: () => 0.5, baseDelayMs: 1000, maxDelayMs: 4000 });
    d.start();
    await d.idle();
    const gaps: number[] = [];
    for (let failure = 1; failure <= 4; failure += 1) {
      const entry = await head();
      assert.equal(entry.attempts, failure);
      assert.equal(entry.lastError, 'HTTP 500');
      gaps.push(Date.parse(entry.nextAttemptAt) - clock.now());
      await untilRetried(d);
    }
    // Half (the injected jitter) of 1 s, 2 s, 4 s, then 4 s again: the ceiling is capped at maxDelayMs.
    assert.deepEqual(gaps, [500, 1000, 2000, 2000]);
    assert.equal(receiver.received.length, 5);
    assert.deepEqual(ids(receiver.accepted()), ['a1']);
  });

  it('waits at least the Retry-After the receiver asks for', async () => {
    let calls = 0;
    receiver.respond = () =>
      ++calls === 1 ? { status: 429, headers: { 'retry-after': '120' } } : { status: 200 };
    await queue(['A1', 'a1']);
    const d = dispatcher({ random: () => 0.5 });
    d.start();
    await d.idle();
    assert.equal(Date.parse((await head()).nextAttemptAt) - clock.now(), 120_000);
    clock.advance(119_999);
    await d.idle();
    assert.equal(receiver.received.length, 1);
    clock.advance(1);
    await d.idle();
    assert.deepEqual(ids(receiver.accepted()), ['a1']);
  });

  it('parks a message still failing after parkAfterMs; the agent’s later messages then go through', async () => {
    receiver.respond = (body) => ({ status: body.id === 'a1' ? 503 : 200 });
    await queue(['A1', 'a1'], ['A1', 'a2']);
    const d = dispatcher({ parkAfterMs: 10_000, baseDelayMs: 1000, maxDelayMs: 4000 });
    d.start();
    await d.idle();
    for (let i = 0; i < 10 && (await head()).status === 'pending'; i += 1) await untilRetried(d);
    // Failures at 0, 1, 3 and 7 s are retried; the one at 11 s is past 10 s and parks the message.
    const [parked, ...rest] = await store.outboundFor(A1);
    assert.deepEqual(rest, []);
    assert.equal(parked?.status, 'parked');
    assert.equal(parked?.attempts, 5);
    assert.equal(parked?.lastError, 'HTTP 503');
    assert.deepEqual(ids(receiver.accepted()), ['a2']);
    assert.equal(warnings.filter((w) => w.startsWith('outbox: message parked')).length, 1);
  });

  it('parks a message the receiver refuses (400) at once', async () => {
    receiver.respond = (body) =>
      body.id === 'a1' ? { status: 400, body: '{"error":{"code":"bad"}}' } : { status: 200 };
    await queue(['A1', 'a1'], ['A1', 'a2']);
    const d = dispatcher();
    d.start();
    await d.idle();
    const [parked] = await store.outboundFor(A1);
    assert.equal(parked?.status, 'parked');
    assert.equal(parked?.attempts, 1);
    assert.equal(parked?.lastError, 'HTTP 400: {"error":{"code":"bad"}}');
    assert.deepEqual(ids(receiver.accepted()), ['a2']);
  });

  it('a second dispatcher on the same store delivers what the first left pending', async () => {
    receiver.respond = () => ({ status: 500 });
    await queue(['A1', 'a1']);
    const first = dispatcher();
    first.start();
    await first.idle();
    await first.stop(1000);
    await queue(['A2', 'b1']); // committed while no dispatcher runs, as after a crash
    first.kick();
    await first.idle();
    assert.equal(receiver.received.length, 1, 'a stopped dispatcher sends nothing');

    receiver.respond = () => ({ status: 200 });
    const second = dispatcher({ idlePollMs: 1000 });
    second.start();
    await second.idle();
    assert.deepEqual(ids(receiver.accepted()), ['b1'], 'what is due goes at once');
    clock.advance(1000); // a1's retry falls due; the second dispatcher finds it by polling
    await second.idle();
    assert.deepEqual(ids(receiver.accepted()), ['b1', 'a1']);
    assert.deepEqual(await store.outboundFor(A1), []);
  });

  it('a transport that throws is a retryable failure, not a crash', async () => {
    let calls = 0;
    const flaky: ContactCenterTransport = {
      deliver: async () => {
        if (++calls === 1) throw new Error('boom');
        return { ok: true };
      },
    };
    await queue(['A1', 'a1']);
    const d = dispatcher({}, flaky);
    d.start();
    await d.idle();
    assert.equal((await head()).lastError, 'transport failed: Error: boom');
    await untilRetried(d);
    assert.deepEqual(await store.outboundFor(A1), []);
    assert.equal(calls, 2);
  });
});

// The store hands out one message per agent per round; this keeps A2 from waiting on A1's retries.
describe('OutboxDispatcher across agents', () => {
  it('keeps delivering to other agents while one agent is retrying', async () => {
    const clock = new FakeClock(Date.now());
    const store = openSqliteStore(':memory:');
    const receiver = await startReceiver(SECRET, () => clock.now() / 1000);
    receiver.respond = (body) => ({ status: body.agentId === 'A1' ? 503 : 200 });
    const transport = new HttpContactCenterTransport({ url: receiver.url, secret: SECRET, clock });
    const d = new OutboxDispatcher(store, transport, clock, silentLogger, { idlePollMs: 3_600_000 });
    try {
      const outbound = ['a1', 'b1', 'b2'].map((id) => {
        const agent = id.startsWith('a') ? A1 : A2;
        return { id, agentId: agent, type: 't', body: { id, agentId: agent } };
      });
      await store.commit({ outbound });
      d.start();
      await d.idle();
      assert.deepEqual(
        receiver.accepted().map((b) => b.id),
        ['b1', 'b2'],
      );
      assert.equal((await store.outboundFor(A1))[0]?.status, 'pending');
    } finally {
      await d.stop(1000);
      await receiver.close();
      await store.close();
    }
  });
});
