// Self-service linking over HTTP against the real service: a code reaches the contact center as a signed
// link.verification, the right code links, wrong codes are counted (in the store, before comparison) and void
// the request after 5, codes expire, and the one-to-one rule is explained.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { eventually } from '../support/switchboard-fixture';
import { ShiftedClock, startIdentityHarness, type IdentityHarness } from './identity-harness';

describe('tab API: self-service linking', () => {
  let h: IdentityHarness;
  const clock = new ShiftedClock();
  let n = 0;
  /** A fresh agent known to Switchboard, and a fresh Teams user with a token. */
  async function fresh(): Promise<{ agent: string; oid: string; token: string }> {
    n += 1;
    const agent = `LINK-${n}-${randomUUID().slice(0, 6)}`;
    await h.upsert([{ agentId: agent, email: `${agent.toLowerCase()}@nobody.test` }]);
    const oid = randomUUID();
    return { agent, oid, token: h.token(oid, { upn: `${oid.slice(0, 8)}@contoso.test` }) };
  }
  async function codeFor(agent: string, index = 0): Promise<string> {
    await eventually(() => h.codesFor(agent).length > index);
    return h.codesFor(agent)[index] as string;
  }
  const wrong = (code: string) => String((Number(code) + 1) % 1e8).padStart(8, '0');

  before(async () => {
    h = await startIdentityHarness({}, clock);
  });
  after(() => h.close());
  afterEach(() => {
    clock.offsetMs = 0;
  });

  it('sends a code to the agent, links with it, shows it in /me, and unlinks', async () => {
    const { agent, oid, token } = await fresh();
    const started = await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    assert.equal(started.status, 202);
    const expiresIn = Date.parse(started.json.expiresAt) - Date.now();
    assert.ok(expiresIn > 9 * 60_000 && expiresIn <= 10 * 60_000, `expires in ${expiresIn} ms`);
    assert.deepEqual((await h.tab('GET', '/api/tab/me', token)).json.link, {
      state: 'pending',
      agentId: agent,
      expiresAt: started.json.expiresAt,
    });
    const code = await codeFor(agent);
    assert.match(code, /^\d{8}$/);
    const sent = h.cc.received.find((r) => r.body.type === 'link.verification' && r.body.agentId === agent);
    assert.equal(sent?.signed, true);
    assert.equal(sent?.body.expiresAt, started.json.expiresAt);
    assert.equal(typeof sent?.body.id, 'string');

    const confirmed = await h.tab('POST', '/api/tab/link/confirm', token, { code });
    assert.deepEqual([confirmed.status, confirmed.json], [200, { agentId: agent }]);
    const link = await h.fixture.app.store.getLinkByAgent(agentId(agent));
    assert.equal(link?.teamsUserId, oid);
    assert.equal(link?.upn, `${oid.slice(0, 8)}@contoso.test`);
    const me = (await h.tab('GET', '/api/tab/me', token)).json;
    assert.deepEqual(me.link, { state: 'linked', agentId: agent });
    assert.equal(me.agent.agentId, agent);
    // The code is spent.
    assert.equal(
      (await h.tab('POST', '/api/tab/link/confirm', token, { code })).json.error.code,
      'no_pending_link',
    );

    assert.equal((await h.tab('DELETE', '/api/tab/link', token)).status, 204);
    assert.equal(await h.fixture.app.store.getLinkByAgent(agentId(agent)), null);
    assert.deepEqual((await h.tab('GET', '/api/tab/me', token)).json.link, { state: 'none' });
    assert.equal((await h.tab('DELETE', '/api/tab/link', token)).status, 204, 'unlinking twice is fine');
  });

  it('counts wrong codes and voids the request at the fifth: 400 invalid_code ×4, then 429', async () => {
    const { agent, token } = await fresh();
    await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    const code = await codeFor(agent);
    for (let left = 4; left >= 1; left -= 1) {
      const res = await h.tab('POST', '/api/tab/link/confirm', token, { code: wrong(code) });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.code, 'invalid_code');
      assert.deepEqual(res.json.error.details, { attemptsLeft: left });
    }
    const fifth = await h.tab('POST', '/api/tab/link/confirm', token, { code: wrong(code) });
    assert.deepEqual([fifth.status, fifth.json.error.code], [429, 'too_many_attempts']);
    const right = await h.tab('POST', '/api/tab/link/confirm', token, { code });
    assert.deepEqual(
      [right.status, right.json.error.code],
      [429, 'too_many_attempts'],
      'void even for the right code',
    );
    assert.equal(await h.fixture.app.store.getLinkByAgent(agentId(agent)), null);
    assert.deepEqual((await h.tab('GET', '/api/tab/me', token)).json.link, { state: 'none' });
  });

  it('lets parallel guesses take no more than 5 attempts', async () => {
    const { agent, token } = await fresh();
    await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    const code = await codeFor(agent);
    const guesses = Array.from({ length: 20 }, (_, i) =>
      String((Number(code) + 1 + i) % 1e8).padStart(8, '0'),
    );
    const answers = await Promise.all(
      guesses.map((g) => h.tab('POST', '/api/tab/link/confirm', token, { code: g })),
    );
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 400).length, 4);
    assert.equal(statuses.filter((s) => s === 429).length, 16);
    assert.equal((await h.tab('POST', '/api/tab/link/confirm', token, { code })).status, 429);
  });

  it('answers 410 code_expired after 10 minutes, and a new request sends a new code', async () => {
    const { agent, token } = await fresh();
    await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    const code = await codeFor(agent);
    clock.offsetMs = 10 * 60_000 + 1000;
    const late = await h.tab('POST', '/api/tab/link/confirm', token, { code });
    assert.deepEqual([late.status, late.json.error.code], [410, 'code_expired']);
    assert.equal((await h.tab('POST', '/api/tab/link', token, { agentId: agent })).status, 202);
    const second = await codeFor(agent, 1);
    if (second !== code) {
      assert.equal(
        (await h.tab('POST', '/api/tab/link/confirm', token, { code })).status,
        400,
        'old code is dead',
      );
    }
    assert.equal((await h.tab('POST', '/api/tab/link/confirm', token, { code: second })).status, 200);
  });

  it('refuses with 409 link_conflict when the agent or I am linked to someone else, explaining why', async () => {
    const taken = await fresh();
    await h.fixture.app.store.putLink({
      agentId: agentId(taken.agent),
      teamsUserId: teamsUserId(randomUUID()),
      createdAt: new Date().toISOString(),
    });
    const res = await h.tab('POST', '/api/tab/link', taken.token, { agentId: taken.agent });
    assert.deepEqual([res.status, res.json.error.code], [409, 'link_conflict']);
    assert.match(res.json.error.message, /already linked to another Teams user/);
    assert.equal(res.json.error.details, undefined, 'who holds the agent is not told');

    const mine = await fresh();
    const other = await fresh();
    await h.fixture.app.store.putLink({
      agentId: agentId(mine.agent),
      teamsUserId: teamsUserId(mine.oid),
      createdAt: new Date().toISOString(),
    });
    const again = await h.tab('POST', '/api/tab/link', mine.token, { agentId: other.agent });
    assert.deepEqual([again.status, again.json.error.code], [409, 'link_conflict']);
    assert.match(again.json.error.message, new RegExp(`already linked to agent ${mine.agent}`));
    assert.equal(h.codesFor(other.agent).length, 0, 'no code was sent');
  });

  it('refuses a code when the agent was linked to someone else meanwhile (409), keeping that link', async () => {
    const { agent, token } = await fresh();
    await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    const code = await codeFor(agent);
    const someoneElse = teamsUserId(randomUUID());
    await h.fixture.app.store.putLink({
      agentId: agentId(agent),
      teamsUserId: someoneElse,
      createdAt: new Date().toISOString(),
    });
    const res = await h.tab('POST', '/api/tab/link/confirm', token, { code });
    assert.deepEqual([res.status, res.json.error.code], [409, 'link_conflict']);
    assert.equal((await h.fixture.app.store.getLinkByAgent(agentId(agent)))?.teamsUserId, someoneElse);
  });

  it('answers 404 for an agent nobody knows, and 400/415 for bad bodies', async () => {
    const token = h.token(randomUUID());
    const unknown = await h.tab('POST', '/api/tab/link', token, { agentId: 'NOBODY-HERE' });
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'agent_not_found']);
    for (const body of [
      {},
      { agentId: '' },
      { agentId: ' A1' },
      { agentId: 'x'.repeat(257) },
      { agentId: 'A', extra: 1 },
      'nope',
    ]) {
      const res = await h.tab('POST', '/api/tab/link', token, body);
      assert.deepEqual(
        [res.status, res.json.error.code],
        [400, 'invalid_link_request'],
        JSON.stringify(body),
      );
    }
    const text = await h.tab('POST', '/api/tab/link', token, 'agentId=A', 'text/plain');
    assert.deepEqual([text.status, text.json.error.code], [415, 'unsupported_media_type']);
    for (const body of [{}, { code: 12345678 }, { code: '1234' }, { code: 'abcdefgh' }]) {
      const res = await h.tab('POST', '/api/tab/link/confirm', token, body);
      assert.deepEqual([res.status, res.json.error.code], [400, 'invalid_code'], JSON.stringify(body));
    }
    const big = await h.tab('POST', '/api/tab/link', token, { agentId: 'A', pad: 'x'.repeat(10_000) });
    assert.equal(big.status, 413);
  });

  it('limits new codes to 5 an hour per Teams user (429 too_many_requests)', async () => {
    const { agent, token } = await fresh();
    for (let i = 0; i < 5; i += 1)
      assert.equal((await h.tab('POST', '/api/tab/link', token, { agentId: agent })).status, 202);
    await h.tab('DELETE', '/api/tab/link', token);
    const sixth = await h.tab('POST', '/api/tab/link', token, { agentId: agent });
    assert.deepEqual([sixth.status, sixth.json.error.code], [429, 'too_many_requests']);
  });

  it('refuses every linking route without a valid SSO token, before reading the body', async () => {
    const routes: [string, string, unknown][] = [
      ['POST', '/api/tab/link', { agentId: 'A1' }],
      ['POST', '/api/tab/link/confirm', { code: '12345678' }],
      ['DELETE', '/api/tab/link', undefined],
    ];
    const oid = randomUUID();
    const bad: [string | undefined, string][] = [
      [undefined, 'token_missing'],
      [h.token(oid, { expiresInSeconds: -600 }), 'token_expired'],
      [h.token(oid, { aud: randomUUID() }), 'invalid_token'],
      [h.token(oid, { tid: randomUUID() }), 'tenant_not_allowed'],
      [h.token(oid, { scp: 'User.Read' }), 'insufficient_scope'],
    ];
    for (const [method, path, body] of routes) {
      for (const [token, code] of bad) {
        const res = await h.tab(method, path, token, body);
        assert.deepEqual([res.status, res.json.error.code], [401, code], `${method} ${path} ${code}`);
      }
    }
  });
});
