import assert from 'node:assert/strict';
import { HttpContactCenterTransport } from '../../src/adapters/cc-http';
import { retryAfterMs } from '../../src/adapters/cc-http/retry-after';
import { agentId } from '../../src/domain/ids';
import type { OutboundMessage } from '../../src/ports/store.port';
import { FakeClock } from '../support/fake-clock';
import { refusedUrl, startReceiver, type Receiver } from './receiver';

const SECRET = 'outbound-secret';

function message(id: string): OutboundMessage {
  const body = { id, type: 'agent.state.requested', occurredAt: '2025-01-06T09:00:00.000Z', agentId: 'A100' };
  return { id, agentId: agentId('A100'), type: body.type, body: { ...body, state: 'Work Offline' } };
}

describe('HttpContactCenterTransport', () => {
  let clock: FakeClock;
  let receiver: Receiver;
  let transport: HttpContactCenterTransport;

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    receiver = await startReceiver(SECRET, () => clock.now() / 1000);
    transport = new HttpContactCenterTransport({ url: receiver.url, secret: SECRET, clock });
  });
  afterEach(() => receiver.close());

  it('posts the body as signed JSON, and a 2xx is ok', async () => {
    receiver.respond = (_body, signed) => ({ status: signed ? 202 : 401 });
    const result = await transport.deliver(message('m1'));
    assert.deepEqual(result, { ok: true });
    const [got] = receiver.received;
    assert.equal(got?.signed, true);
    assert.equal(got?.headers['content-type'], 'application/json');
    assert.deepEqual(got?.body, message('m1').body);
  });

  it('is refused by a receiver that checks another secret', async () => {
    const other = new HttpContactCenterTransport({ url: receiver.url, secret: 'wrong', clock });
    const result = await other.deliver(message('m1'));
    assert.deepEqual(result, { ok: false, retryable: false, error: 'HTTP 401' });
    assert.equal(receiver.received[0]?.signed, false);
  });

  const statuses: [number, boolean][] = [
    [400, false],
    [401, false],
    [404, false],
    [422, false],
    [408, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [302, true],
  ];
  for (const [status, retryable] of statuses) {
    it(`HTTP ${status} is ${retryable ? '' : 'not '}retryable, with the body in the error`, async () => {
      receiver.respond = () => ({ status, body: '{"error":{"code":"nope"}}', headers: { location: '/x' } });
      const result = await transport.deliver(message('m1'));
      assert.deepEqual(result, { ok: false, retryable, error: `HTTP ${status}: {"error":{"code":"nope"}}` });
    });
  }

  it('passes on Retry-After in seconds and as a date', async () => {
    receiver.respond = () => ({ status: 429, headers: { 'retry-after': '30' } });
    const inSeconds = await transport.deliver(message('m1'));
    assert.equal(!inSeconds.ok && inSeconds.retryAfterMs, 30_000);
    const at = new Date(Math.ceil(clock.now() / 1000) * 1000 + 120_000).toUTCString();
    receiver.respond = () => ({ status: 503, headers: { 'retry-after': at } });
    const asDate = await transport.deliver(message('m2'));
    assert.equal(!asDate.ok && asDate.retryAfterMs, Date.parse(at) - clock.now());
  });

  it('a connection refused is retryable and names the cause', async () => {
    const down = new HttpContactCenterTransport({ url: await refusedUrl(), secret: SECRET, clock });
    const result = await down.deliver(message('m1'));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.retryable, true);
    assert.match(!result.ok ? result.error : '', /ECONNREFUSED/);
  });

  it('gives up on a receiver that does not answer within timeoutMs (on the clock), retryably', async () => {
    receiver.respond = () => 'hang';
    const slow = new HttpContactCenterTransport({
      url: receiver.url,
      secret: SECRET,
      clock,
      timeoutMs: 5000,
    });
    const pending = slow.deliver(message('m1'));
    while (receiver.hung() === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(clock.pendingTimers(), 1, 'the timeout waits on the clock');
    clock.advance(5000);
    assert.deepEqual(await pending, { ok: false, retryable: true, error: 'no answer within 5000 ms' });
  });

  it('cancels its timeout once answered', async () => {
    await transport.deliver(message('m1'));
    assert.equal(clock.pendingTimers(), 0);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2025-01-06T09:00:00.000Z');
  it('reads delay-seconds and HTTP-dates; a past date is 0; anything else is undefined', () => {
    assert.equal(retryAfterMs('7', now), 7000);
    assert.equal(retryAfterMs(' 0 ', now), 0);
    assert.equal(retryAfterMs('Mon, 06 Jan 2025 09:01:00 GMT', now), 60_000);
    assert.equal(retryAfterMs('Mon, 06 Jan 2025 08:00:00 GMT', now), 0);
    assert.equal(retryAfterMs(null, now), undefined);
    assert.equal(retryAfterMs('1.5', now), undefined);
    assert.equal(retryAfterMs('soon', now), undefined);
  });
});
