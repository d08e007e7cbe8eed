import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { call, graph } from './helpers';

interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe('graph emulator: presence quota', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock, quota: { requests: 3, windowSeconds: 30 } });
  });
  afterEach(() => emu.close());

  const read = () => graph(emu, 'GET', '/users/u1/presence');
  const write = () =>
    graph(emu, 'POST', '/users/u1/presence/setPresence', {
      sessionId: 's',
      availability: 'Away',
      activity: 'Away',
    });

  it('counts reads and writes together and answers 429 with Retry-After past the quota', async () => {
    assert.equal((await write()).status, 200);
    clock.advance(10_000);
    assert.equal((await read()).status, 200);
    assert.equal(
      (await graph(emu, 'POST', '/communications/getPresencesByUserId', { ids: ['u1'] })).status,
      200,
    );
    const refused = await read();
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '20');
    assert.equal((refused.json as GraphErrorBody).error.code, 'TooManyRequests');
  });

  it('recovers once the window frees, and refused requests do not extend the wait', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await read()).status, 200);
    assert.equal((await write()).status, 429);
    clock.advance(29_000);
    const stillRefused = await read();
    assert.equal(stillRefused.status, 429);
    assert.equal(stillRefused.headers.get('retry-after'), '1');
    clock.advance(1_000);
    assert.equal((await write()).status, 200);
    assert.equal(emu.presenceOf('u1').availability, 'Away');
  });

  it('does not count subscription management against the presence quota', async () => {
    for (let i = 0; i < 5; i++) assert.equal((await graph(emu, 'GET', '/subscriptions')).status, 200);
    assert.equal((await read()).status, 200);
  });
});

describe('graph emulator: fault injection', () => {
  let emu: GraphEmulator;

  beforeEach(async () => {
    emu = await startGraphEmulator();
  });
  afterEach(() => emu.close());

  const write = () =>
    graph(emu, 'POST', '/users/u1/presence/setPresence', {
      sessionId: 's',
      availability: 'Busy',
      activity: 'InACall',
    });

  it('answers the next N Graph requests with the injected status and Retry-After, then recovers', async () => {
    emu.injectFaults({ status: 503, count: 2, retryAfterSeconds: 3 });
    for (let i = 0; i < 2; i++) {
      const res = await write();
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '3');
      assert.equal((res.json as GraphErrorBody).error.code, 'ServiceNotAvailable');
    }
    assert.equal(emu.presenceOf('u1').availability, 'Offline', 'a failed request changes nothing');
    assert.equal((await write()).status, 200);
    assert.equal(emu.presenceOf('u1').availability, 'Busy');
  });

  it('takes faults through POST /_emulator/faults, without Retry-After when none is given', async () => {
    const injected = await call(`${emu.origin}/_emulator/faults`, 'POST', { status: 500, count: 1 });
    assert.equal(injected.status, 204);
    const res = await graph(emu, 'GET', '/users/u1/presence');
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('retry-after'), null);
    assert.equal((await graph(emu, 'GET', '/users/u1/presence')).status, 200);
  });

  it('rejects a malformed fault', async () => {
    const res = await call(`${emu.origin}/_emulator/faults`, 'POST', { status: 200, count: 1 });
    assert.equal(res.status, 400);
  });
});
