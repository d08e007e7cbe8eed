// GET /api/tab/me over HTTP with Teams SSO tokens issued by the Graph emulator: every way a token can be
// wrong answers 401 in the contract's error shape; a valid one shows the linked agent (by the token's oid).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { startGraphEmulator } from '../../src/adapters/graph-emulator';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { eventually, stateEvent } from '../support/switchboard-fixture';
import { startTabHarness, TAB_CLIENT_ID, type TabHarness } from './tab-harness';

async function assertRefused(h: TabHarness, token: string | undefined, code: string): Promise<void> {
  const res = await h.get('/api/tab/me', token);
  assert.equal(res.status, 401);
  assert.equal(res.json.error.code, code);
  assert.equal(typeof res.json.error.message, 'string');
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
}

describe('tab API: /api/tab/me behind Teams SSO', () => {
  let h: TabHarness;
  before(async () => {
    h = await startTabHarness();
  });
  after(() => h.close());

  it('answers 401 token_missing without a bearer token', async () => {
    await assertRefused(h, undefined, 'token_missing');
    const basic = await fetch(`${h.url}/api/tab/me`, { headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 401);
  });

  it('answers 401 invalid_token for a malformed token', async () => {
    await assertRefused(h, 'not-a-jwt', 'invalid_token');
  });

  it('answers 401 for a token issued to another app (audience)', async () => {
    await assertRefused(h, h.token(randomUUID(), { aud: randomUUID() }), 'invalid_token');
    await assertRefused(
      h,
      h.token(randomUUID(), { aud: `api://elsewhere/${randomUUID()}` }),
      'invalid_token',
    );
  });

  it('answers 401 for a user of another tenant', async () => {
    await assertRefused(h, h.token(randomUUID(), { tid: randomUUID() }), 'tenant_not_allowed');
  });

  it('answers 401 without the access_as_user scope', async () => {
    await assertRefused(h, h.token(randomUUID(), { scp: null }), 'insufficient_scope');
    await assertRefused(h, h.token(randomUUID(), { scp: 'User.Read' }), 'insufficient_scope');
  });

  it('answers 401 token_expired for an expired token', async () => {
    await assertRefused(h, h.token(randomUUID(), { expiresInSeconds: -600 }), 'token_expired');
  });

  it('answers 401 for a token with the right claims signed by another key', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const keys = (await (await fetch(`${h.sso.authorityHost}/common/discovery/v2.0/keys`)).json()) as {
      keys: { kid: string }[];
    };
    const tid = h.sso.tenantId ?? '';
    const forged = await new SignJWT({ tid, oid: randomUUID(), scp: 'access_as_user' })
      .setProtectedHeader({ alg: 'RS256', kid: keys.keys[0]?.kid ?? '' })
      .setIssuer(`${h.sso.authorityHost}/${tid}/v2.0`)
      .setAudience(TAB_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await assertRefused(h, forged, 'invalid_token');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${forged.split('.')[1]}.`;
    await assertRefused(h, unsigned, 'invalid_token');
  });

  it('answers 401 for a token whose issuer is another identity provider', async () => {
    const other = await startGraphEmulator();
    try {
      await assertRefused(h, other.issueSsoToken({ oid: randomUUID(), aud: TAB_CLIENT_ID }), 'invalid_token');
    } finally {
      await other.close();
    }
  });

  it("shows the linked agent's state, Teams presence and decisions with reasons", async () => {
    const oid = randomUUID();
    await h.fixture.app.store.putLink({
      agentId: agentId('T200'),
      teamsUserId: teamsUserId(oid),
      createdAt: new Date().toISOString(),
    });
    await h.fixture.postEvents(stateEvent('T200', 'Busy'));
    await eventually(() => h.fixture.emulator.presenceOf(oid).activity === 'InACall');
    await h.fixture.app.engine.idle();
    const res = await h.get('/api/tab/me', h.token(oid, { name: 'Ada Agent', upn: 'ada@contoso.com' }));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.deepEqual(res.json.user, { oid, name: 'Ada Agent', upn: 'ada@contoso.com' });
    assert.equal(res.json.agent.agentId, 'T200');
    assert.equal(res.json.agent.linked, true);
    assert.equal(res.json.agent.ccState, 'Busy');
    assert.deepEqual(res.json.agent.teams, { availability: 'Busy', activity: 'InACall' });
    assert.equal(res.json.agent.recentDecisions[0].reason, 'Agent went Busy → Teams In a call (8x8 profile)');
  });

  it('answers agent null for a user who is not linked', async () => {
    const res = await h.get('/api/tab/me', h.token(randomUUID(), { name: 'New Person' }));
    assert.equal(res.status, 200);
    assert.equal(res.json.agent, null);
    assert.equal(res.json.user.name, 'New Person');
    assert.equal(res.json.user.upn, null);
  });

  it('finds the agent by the token, never by what the client says about itself', async () => {
    const linked = randomUUID();
    await h.fixture.app.store.putLink({
      agentId: agentId('T300'),
      teamsUserId: teamsUserId(linked),
      createdAt: new Date().toISOString(),
    });
    const res = await fetch(`${h.url}/api/tab/me?oid=${linked}`, {
      headers: { authorization: `Bearer ${h.token(randomUUID())}`, 'x-ms-client-principal-id': linked },
    });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { agent: unknown }).agent, null);
    const own = await h.get('/api/tab/me', h.token(linked.toUpperCase()));
    assert.equal(own.json.agent.agentId, 'T300');
  });

  it('guards every other /api/tab/ path too: 401 without a token, 404 with one', async () => {
    assert.equal((await h.get('/api/tab/agents/T200')).status, 401);
    const post = await fetch(`${h.url}/api/tab/me`, { method: 'POST' });
    assert.equal(post.status, 401);
    const found = await h.get('/api/tab/agents/T200', h.token(randomUUID()));
    assert.equal(found.status, 404);
    assert.equal(found.json.error.code, 'not_found');
  });
});
