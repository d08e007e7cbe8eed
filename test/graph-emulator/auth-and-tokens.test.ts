import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { bearer, graph, tokenRequest } from './helpers';

interface TokenBody {
  token_type: string;
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

describe('graph emulator: authentication', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock, token: 'static-secret' });
  });
  afterEach(() => emu.close());

  const read = (headers?: Record<string, string>) =>
    graph(emu, 'GET', '/users/u1/presence', undefined, headers);

  it('answers 401 InvalidAuthenticationToken without a token or with a wrong one', async () => {
    for (const headers of [undefined, bearer('wrong'), { authorization: 'Basic static-secret' }]) {
      const res = await read(headers);
      assert.equal(res.status, 401);
      assert.equal((res.json as { error: { code: string } }).error.code, 'InvalidAuthenticationToken');
    }
  });

  it('accepts the configured bearer token and delegated tokens it issued', async () => {
    assert.equal((await read(bearer('static-secret'))).status, 200);
    const refresh = emu.issueDelegatedRefreshToken('agent@contoso.com');
    const token = await tokenRequest(emu, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'app-1',
    });
    assert.equal((await read(bearer((token.json as TokenBody).access_token))).status, 200);
  });

  it('stops accepting a delegated access token after its hour', async () => {
    const refresh = emu.issueDelegatedRefreshToken('agent@contoso.com');
    const token = await tokenRequest(emu, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: 'app-1',
    });
    const access = (token.json as TokenBody).access_token;
    clock.advance(3_599_000);
    assert.equal((await read(bearer(access))).status, 200);
    clock.advance(1_000);
    assert.equal((await read(bearer(access))).status, 401);
  });
});

describe('graph emulator: delegated token endpoint', () => {
  let emu: GraphEmulator;

  beforeEach(async () => {
    emu = await startGraphEmulator();
  });
  afterEach(() => emu.close());

  const redeem = (refresh: string, clientId = 'app-1') =>
    tokenRequest(emu, {
      grant_type: 'refresh_token',
      refresh_token: refresh,
      client_id: clientId,
      scope: 'https://graph.microsoft.com/Presence.Read.All offline_access',
    });

  it('redeems a refresh token for a bearer access token and a rotated refresh token', async () => {
    const first = emu.issueDelegatedRefreshToken('agent@contoso.com');
    const res = await redeem(first);
    assert.equal(res.status, 200);
    const body = res.json as TokenBody;
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.ok(body.access_token.split('.').length === 3, 'JWT-shaped');
    assert.notEqual(body.refresh_token, first);

    const reused = await redeem(first);
    assert.equal(reused.status, 400);
    assert.equal((reused.json as { error: string }).error, 'invalid_grant');
    assert.ok((reused.json as { error_description: string }).error_description);

    const next = await redeem(body.refresh_token);
    assert.equal(next.status, 200);
    assert.notEqual((next.json as TokenBody).refresh_token, body.refresh_token);
  });

  it('refuses unknown refresh tokens, other clients, and other grant types', async () => {
    assert.equal(((await redeem('nonsense')).json as { error: string }).error, 'invalid_grant');
    const first = emu.issueDelegatedRefreshToken('agent@contoso.com');
    const rotated = ((await redeem(first, 'app-1')).json as TokenBody).refresh_token;
    assert.equal(((await redeem(rotated, 'app-2')).json as { error: string }).error, 'invalid_grant');
    const cc = await tokenRequest(emu, { grant_type: 'client_credentials', client_id: 'app-1' });
    assert.equal(cc.status, 400);
    assert.equal((cc.json as { error: string }).error, 'unsupported_grant_type');
  });

  it('records token requests without the refresh token itself', async () => {
    await redeem(emu.issueDelegatedRefreshToken('agent@contoso.com'));
    const logged = emu.requests().find((r) => r.path.endsWith('/oauth2/v2.0/token'));
    assert.ok(logged);
    assert.equal(logged.status, 200);
    assert.equal((logged.body as Record<string, string>).refresh_token, '[redacted]');
  });
});
