import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { call, graph, tokenRequest } from './helpers';

describe('graph emulator: control routes', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock, token: 'static-secret' });
  });
  afterEach(() => emu.close());

  const control = (method: string, path: string, body?: unknown) =>
    call(`${emu.origin}/_emulator${path}`, method, body);
  const auth = { authorization: 'Bearer static-secret' };

  it('shows a user’s aggregate and sessions, without needing the Graph token', async () => {
    await graph(
      emu,
      'POST',
      '/users/u1/presence/setPresence',
      { sessionId: 'app', availability: 'Away', activity: 'Away' },
      auth,
    );
    const res = await control('GET', '/users/u1');
    assert.equal(res.status, 200);
    const body = res.json as {
      presence: { availability: string };
      sessions: { sessionId: string; expirationDateTime: string }[];
    };
    assert.equal(body.presence.availability, 'Away');
    assert.deepEqual(
      body.sessions.map((s) => s.sessionId),
      ['app'],
    );
    assert.equal(Date.parse(body.sessions[0]?.expirationDateTime ?? ''), clock.now() + 5 * 60_000);
  });

  it('sets and removes the user’s Teams client presence', async () => {
    const put = await control('PUT', '/users/u1/client-presence', {
      availability: 'DoNotDisturb',
      activity: 'Presenting',
    });
    assert.equal(put.status, 200);
    assert.equal(emu.presenceOf('u1').availability, 'DoNotDisturb');
    assert.equal((await control('PUT', '/users/u1/client-presence', { availability: 'Busy' })).status, 400);
    assert.equal((await control('DELETE', '/users/u1/client-presence')).status, 204);
    assert.equal(emu.presenceOf('u1').availability, 'Offline');
  });

  it('refuses a client presence it does not know, naming the valid values (issue 7)', async () => {
    const res = await control('PUT', '/users/u1/client-presence', {
      availability: 'Bussy',
      activity: 'InACall',
    });
    assert.equal(res.status, 400);
    assert.match(
      JSON.stringify(res.json),
      /availability must be one of Available, .*Busy.* \(got \\"Bussy\\"\)/,
    );
    assert.equal(emu.presenceOf('u1').availability, 'Offline');
  });

  it('lists the Graph requests received, with status and body', async () => {
    const body = { sessionId: 'app', availability: 'Available', activity: 'Available' };
    await graph(emu, 'POST', '/users/u1/presence/setPresence', body, auth);
    await graph(emu, 'GET', '/users/u1/presence');
    const res = await control('GET', '/requests');
    assert.deepEqual(res.json, {
      value: [
        { method: 'POST', path: '/v1.0/users/u1/presence/setPresence', status: 200, body, at: clock.now() },
        { method: 'GET', path: '/v1.0/users/u1/presence', status: 401, at: clock.now() },
      ],
    });
  });

  it('resets presence, faults and the request log', async () => {
    emu.setClientPresence('u1', { availability: 'Available', activity: 'Available' });
    emu.injectFaults({ status: 503, count: 5 });
    await graph(emu, 'GET', '/users/u1/presence', undefined, auth);
    assert.equal((await control('POST', '/reset')).status, 204);
    assert.equal(emu.presenceOf('u1').availability, 'Offline');
    assert.deepEqual(emu.requests(), []);
    assert.equal((await graph(emu, 'GET', '/users/u1/presence', undefined, auth)).status, 200);
  });

  it('mints delegated refresh tokens for sync accounts', async () => {
    const res = await control('POST', '/refresh-tokens', { userPrincipalName: 'sync@contoso.com' });
    assert.equal(res.status, 201);
    const refresh = (res.json as { refresh_token: string }).refresh_token;
    const token = await tokenRequest(emu, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'app-1',
    });
    assert.equal(token.status, 200);
  });

  it('describes itself at GET /_emulator and answers 404 for unknown control routes', async () => {
    const res = await control('GET', '');
    assert.equal((res.json as { graphBaseUrl: string }).graphBaseUrl, emu.url);
    assert.equal((await control('GET', '/nope')).status, 404);
  });
});
