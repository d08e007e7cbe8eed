import assert from 'node:assert/strict';
import { ADMIN_KEY, graphCalls, newUserId, startHarness, type Harness } from './harness';

describe('admin API: /api/admin/sync-accounts', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
    await h.setup.manager.start();
  });
  afterEach(() => h.close());

  async function admin(method: string, path: string, body?: unknown, key = ADMIN_KEY) {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${h.url}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, json: text ? (JSON.parse(text) as any) : null };
  }

  it('registers (201), re-keys (200), lists without tokens, and removes (204) an account', async () => {
    h.store.link(newUserId());
    const token = h.emulator.issueDelegatedRefreshToken('status@contoso.com');
    const put = await admin('PUT', '/api/admin/sync-accounts/sync-1', {
      refreshToken: token,
      userPrincipalName: 'status@contoso.com',
    });
    assert.equal(put.status, 201);
    assert.equal(put.json.name, 'sync-1');
    assert.equal(put.json.userPrincipalName, 'status@contoso.com');
    const again = await admin('PUT', '/api/admin/sync-accounts/sync-1', {
      refreshToken: h.emulator.issueDelegatedRefreshToken('status@contoso.com'),
    });
    assert.equal(again.status, 200);
    assert.equal(again.json.userPrincipalName, 'status@contoso.com', 'kept when not given');
    await h.setup.manager.idle();

    const list = await admin('GET', '/api/admin/sync-accounts');
    assert.equal(list.status, 200);
    assert.equal(list.json.accounts.length, 1);
    assert.equal(list.json.accounts[0].usersCovered, 1);
    assert.match(list.json.accounts[0].subscriptionId, /^[0-9a-f-]{36}$/);
    assert.ok(list.json.accounts[0].expiresAt);
    assert.equal(list.json.coveredUsers, 1);
    assert.ok(
      !list.text.includes('emu-rt.') &&
        !list.text.includes('refreshToken') &&
        !list.text.includes('clientState'),
    );

    const del = await admin('DELETE', '/api/admin/sync-accounts/sync-1');
    assert.equal(del.status, 204);
    assert.equal(
      graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//).length,
      1,
      'its subscription went first',
    );
    assert.equal((await admin('DELETE', '/api/admin/sync-accounts/sync-1')).status, 404);
  });

  it('refuses bad input: a dead refresh token, a bad name, a missing token, no admin key', async () => {
    const dead = await admin('PUT', '/api/admin/sync-accounts/sync-1', { refreshToken: 'emu-rt.nope' });
    assert.equal(dead.status, 400);
    assert.equal(dead.json.error.code, 'invalid_refresh_token');
    const name = await admin('PUT', '/api/admin/sync-accounts/bad%20name', { refreshToken: 'x' });
    assert.equal(name.json.error.code, 'invalid_account_name');
    assert.equal(
      (await admin('PUT', '/api/admin/sync-accounts/sync-1', {})).json.error.code,
      'invalid_sync_account',
    );
    assert.equal((await admin('GET', '/api/admin/sync-accounts', undefined, 'wrong')).status, 401);
  });
});
