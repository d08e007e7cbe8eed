// The Graph emulator as the local SSO identity provider: its JWKS, its OpenID metadata pointing at it, and
// the tokens POST /_emulator/sso-token and issueSsoToken() sign, checked with jose as any relying party would.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import {
  EMULATOR_TENANT_ID,
  startGraphEmulator,
  type GraphEmulator,
} from '../../src/adapters/graph-emulator';

const AUD = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';

async function getJson(url: string): Promise<any> {
  const res = await fetch(url);
  assert.equal(res.status, 200, url);
  return res.json();
}

async function postToken(emu: GraphEmulator, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${emu.origin}/_emulator/sso-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('graph emulator: Teams SSO identity provider', () => {
  let emu: GraphEmulator;
  before(async () => {
    emu = await startGraphEmulator({ token: 'graph-secret' });
  });
  after(() => emu.close());

  it('publishes one RS256 signing key, the same for common and any tenant, linked from its metadata', async () => {
    const common = await getJson(`${emu.origin}/common/discovery/v2.0/keys`);
    assert.equal(common.keys.length, 1);
    assert.deepEqual(
      { kty: common.keys[0].kty, use: common.keys[0].use, alg: common.keys[0].alg },
      { kty: 'RSA', use: 'sig', alg: 'RS256' },
    );
    assert.equal(common.keys[0].d, undefined, 'no private part');
    assert.deepEqual(await getJson(`${emu.origin}/${EMULATOR_TENANT_ID}/discovery/v2.0/keys`), common);
    const metadata = await getJson(
      `${emu.origin}/${EMULATOR_TENANT_ID}/v2.0/.well-known/openid-configuration`,
    );
    assert.deepEqual(await getJson(metadata.jwks_uri), common);
  });

  it('issues over HTTP a token that verifies against its key set, with the requested claims', async () => {
    const oid = randomUUID();
    const res = await postToken(emu, { oid, aud: AUD, name: 'Ada Agent', upn: 'ada@contoso.com' });
    assert.equal(res.status, 201);
    const keys = createRemoteJWKSet(new URL(`${emu.origin}/common/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(res.json.token, keys, {
      algorithms: ['RS256'],
      issuer: `${emu.origin}/${EMULATOR_TENANT_ID}/v2.0`,
      audience: AUD,
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.equal(
      protectedHeader.kid,
      (await getJson(`${emu.origin}/common/discovery/v2.0/keys`)).keys[0].kid,
    );
    assert.equal(payload.oid, oid);
    assert.equal(payload.tid, EMULATOR_TENANT_ID);
    assert.equal(payload.name, 'Ada Agent');
    assert.equal(payload.preferred_username, 'ada@contoso.com');
    assert.equal(payload.scp, 'access_as_user');
    assert.equal(payload.ver, '2.0');
    assert.ok(typeof payload.exp === 'number' && payload.exp > Date.now() / 1000);
  });

  it('issues programmatically for another tenant, without a scope, or already expired', () => {
    const tid = randomUUID();
    const decode = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
    const foreign = decode(emu.issueSsoToken({ oid: 'u1', aud: AUD, tid }));
    assert.equal(foreign.iss, `${emu.origin}/${tid}/v2.0`);
    assert.equal(foreign.tid, tid);
    assert.equal('scp' in decode(emu.issueSsoToken({ oid: 'u1', aud: AUD, scp: null })), false);
    const expired = decode(emu.issueSsoToken({ oid: 'u1', aud: AUD, expiresInSeconds: -60 }));
    assert.ok((expired.exp as number) < Date.now() / 1000);
    assert.ok((expired.nbf as number) < (expired.exp as number));
    assert.equal(decodeProtectedHeader(emu.issueSsoToken({ oid: 'u1', aud: AUD })).typ, 'JWT');
  });

  it('answers 400 invalid_request for a body without oid or aud, or with wrong types', async () => {
    for (const body of [{ aud: AUD }, { oid: 'u1' }, { oid: 'u1', aud: AUD, scp: 5 }, 'not json', [1]]) {
      const res = await postToken(emu, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.json.error.code, 'invalid_request');
    }
  });

  it('lists the route in GET /_emulator and keeps Graph behind its token', async () => {
    const usage = await getJson(`${emu.origin}/_emulator`);
    assert.ok(usage.routes.some((r: string) => r.includes('/_emulator/sso-token')));
    const sso = emu.issueSsoToken({ oid: 'u1', aud: AUD });
    const graph = await fetch(`${emu.url}/users/u1/presence`, {
      headers: { authorization: `Bearer ${sso}` },
    });
    assert.equal(graph.status, 401);
  });
});
