// The SSO checks on their own: the claim rules (v2 and v1 token forms, tenant isolation), the clock
// tolerance, and an unreachable identity provider, which is Switchboard's problem (503), not the caller's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkClaims, createSsoVerifier, type SsoSettings } from '../../bot/http/sso-auth';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';

const CLIENT_ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const TID = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const settings: SsoSettings = {
  authorityHost: 'https://login.microsoftonline.com',
  clientId: CLIENT_ID,
  tenantId: TID,
};
const v2 = (extra: Record<string, unknown> = {}) => ({
  iss: `https://login.microsoftonline.com/${TID}/v2.0`,
  aud: CLIENT_ID,
  tid: TID,
  oid: 'AB5C7D1E-0000-4000-8000-000000000001',
  scp: 'access_as_user',
  preferred_username: 'ada@contoso.com',
  name: 'Ada',
  ...extra,
});

describe('tab SSO: claim rules', () => {
  it('accepts a v2 token for this app and tenant, with the oid normalised to lower case', () => {
    assert.deepEqual(checkClaims(v2(), settings), {
      ok: true,
      user: {
        oid: 'ab5c7d1e-0000-4000-8000-000000000001',
        tid: TID,
        name: 'Ada',
        upn: 'ada@contoso.com',
        roles: [],
        groups: [],
      },
    });
  });

  it('carries the app roles and groups of the token, and only strings among them', () => {
    const result = checkClaims(v2({ roles: ['Switchboard.Admin', 7], groups: ['g-1', null] }), settings);
    assert.ok(result.ok);
    assert.deepEqual([result.user.roles, result.user.groups], [['Switchboard.Admin'], ['g-1']]);
  });

  it('accepts a v1 token only with the v1 issuer and an api://<domain>/<clientId> audience', () => {
    const v1 = v2({ iss: `https://sts.windows.net/${TID}/`, aud: `api://tab.contoso.com/${CLIENT_ID}` });
    assert.equal(checkClaims({ ...v1, upn: 'ada@contoso.com' }, settings).ok, true);
    assert.equal(checkClaims({ ...v1, aud: CLIENT_ID }, settings).ok, false);
    assert.equal(checkClaims({ ...v1, aud: `api://tab.contoso.com/${randomUUID()}` }, settings).ok, false);
    assert.equal(checkClaims(v2({ aud: `api://tab.contoso.com/${CLIENT_ID}` }), settings).ok, false);
  });

  it("refuses an issuer that is not the token's own tenant on the configured authority", () => {
    const other = randomUUID();
    assert.equal(
      checkClaims(v2({ iss: `https://login.microsoftonline.com/${other}/v2.0` }), settings).ok,
      false,
    );
    assert.equal(checkClaims(v2({ iss: `https://evil.example/${TID}/v2.0` }), settings).ok, false);
    assert.equal(
      checkClaims(v2({ tid: 'common', iss: 'https://login.microsoftonline.com/common/v2.0' }), settings).ok,
      false,
    );
  });

  it('isolates the configured tenant, and lets any tenant in when none is configured', () => {
    const other = randomUUID();
    const foreign = v2({ tid: other, iss: `https://login.microsoftonline.com/${other}/v2.0` });
    const refused = checkClaims(foreign, settings);
    assert.equal(refused.ok ? 'ok' : refused.code, 'tenant_not_allowed');
    assert.equal(checkClaims(foreign, { ...settings, tenantId: null }).ok, true);
  });

  it('treats common/organizations as any tenant and refuses a tenant it cannot compare', () => {
    for (const tenantId of ['common', 'organizations', null]) createSsoVerifier({ ...settings, tenantId });
    assert.throws(() => createSsoVerifier({ ...settings, tenantId: 'contoso.onmicrosoft.com' }), {
      code: 'invalid_config',
    });
  });

  it('needs access_as_user among the scopes and an oid', () => {
    assert.equal(checkClaims(v2({ scp: 'User.Read access_as_user' }), settings).ok, true);
    const missing = checkClaims(v2({ scp: 'User.Read' }), settings);
    assert.equal(missing.ok ? 'ok' : missing.code, 'insufficient_scope');
    assert.equal(checkClaims(v2({ oid: undefined }), settings).ok, false);
  });
});

describe('tab SSO: verifying tokens', () => {
  let emu: GraphEmulator;
  before(async () => {
    emu = await startGraphEmulator();
  });
  after(() => emu.close());
  const local = (): SsoSettings => ({ authorityHost: `${emu.origin}/`, clientId: CLIENT_ID, tenantId: null });
  const bearer = (token: string) => `Bearer ${token}`;

  it('allows a little clock skew on exp, and no more', async () => {
    const verify = createSsoVerifier(local());
    const justExpired = emu.issueSsoToken({ oid: randomUUID(), aud: CLIENT_ID, expiresInSeconds: -20 });
    assert.equal((await verify(bearer(justExpired))).ok, true);
    const longExpired = emu.issueSsoToken({ oid: randomUUID(), aud: CLIENT_ID, expiresInSeconds: -300 });
    const result = await verify(bearer(longExpired));
    assert.equal(result.ok ? 'ok' : result.code, 'token_expired');
  });

  it("judges expiry by the clock it is given (the app's clock)", async () => {
    let now = Date.now();
    const verify = createSsoVerifier(local(), () => now);
    const token = emu.issueSsoToken({ oid: randomUUID(), aud: CLIENT_ID });
    assert.equal((await verify(bearer(token))).ok, true);
    now += 2 * 3600 * 1000;
    const later = await verify(bearer(token));
    assert.equal(later.ok ? 'ok' : later.code, 'token_expired');
  });

  it('answers 503 identity_provider_unavailable when the key set cannot be fetched', async () => {
    const down = createServer((_req, res) => {
      res.writeHead(500);
      res.end();
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as AddressInfo).port;
    const token = emu.issueSsoToken({ oid: randomUUID(), aud: CLIENT_ID });
    try {
      const broken = await createSsoVerifier({ ...local(), authorityHost: `http://127.0.0.1:${port}` })(
        bearer(token),
      );
      assert.deepEqual(broken.ok ? 'ok' : [broken.status, broken.code], [
        503,
        'identity_provider_unavailable',
      ]);
    } finally {
      await new Promise((resolve) => down.close(resolve));
    }
    const closed = await createSsoVerifier({ ...local(), authorityHost: `http://127.0.0.1:${port}` })(
      bearer(token),
    );
    assert.deepEqual(closed.ok ? 'ok' : [closed.status, closed.code], [503, 'identity_provider_unavailable']);
  });
});
