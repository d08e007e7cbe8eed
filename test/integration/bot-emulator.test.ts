// The emulator's Bot Framework side over HTTP, as a chat relay will use it: the bot token endpoint, the Bot
// Connector's answers (ids, 403 for a user without the app, injected 429 with Retry-After) and the control
// routes; and the bot's client-credentials factory against that token endpoint.
import assert from 'node:assert/strict';
import { ClientCredentialsFactory } from '../../bot/teams/bot-credentials';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { BOT_ID, BOT_PASSWORD } from './bot-support';

async function call(url: string, method: string, body?: unknown, token?: string) {
  const res = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : null };
}

async function botToken(emulator: GraphEmulator, secret = BOT_PASSWORD) {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: BOT_ID,
    client_secret: secret,
    scope: 'https://api.botframework.com/.default',
  });
  const res = await fetch(`${emulator.bot.loginUrl()}/oauth2/v2.0/token`, { method: 'POST', body: form });
  return { status: res.status, json: (await res.json()) as any };
}

describe("the emulator's Bot Framework side", () => {
  let emulator: GraphEmulator;
  beforeEach(async () => {
    emulator = await startGraphEmulator();
    await call(`${emulator.origin}/_emulator/bot/apps`, 'POST', { appId: BOT_ID, password: BOT_PASSWORD });
  });
  afterEach(() => emulator.close());

  it('issues bot tokens for the registered secret only', async () => {
    assert.equal((await botToken(emulator, 'wrong')).status, 401);
    const good = await botToken(emulator);
    assert.equal(good.status, 200);
    assert.equal(good.json.token_type, 'Bearer');
    assert.equal(typeof good.json.access_token, 'string');
  });

  it('answers create, send, reply, update and delete like Teams, and records them', async () => {
    const token = (await botToken(emulator)).json.access_token as string;
    const base = `${emulator.bot.serviceUrl}v3/conversations`;
    const created = await call(base, 'POST', { members: [{ id: '29:alice' }], isGroup: false }, token);
    assert.equal(created.status, 201);
    const conv = encodeURIComponent(created.json.id as string);
    const sent = await call(`${base}/${conv}/activities`, 'POST', { type: 'message', text: 'hi' }, token);
    assert.equal(sent.status, 201);
    const reply = await call(
      `${base}/${conv}/activities/${sent.json.id}`,
      'POST',
      { type: 'message' },
      token,
    );
    assert.equal(reply.status, 201);
    assert.notEqual(reply.json.id, sent.json.id);
    const updated = await call(`${base}/${conv}/activities/${sent.json.id}`, 'PUT', { text: 'hi!' }, token);
    assert.deepEqual([updated.status, updated.json.id], [200, sent.json.id]);
    assert.equal(
      (await call(`${base}/${conv}/activities/${sent.json.id}`, 'DELETE', undefined, token)).status,
      200,
    );
    const recorded = await call(`${emulator.origin}/_emulator/bot/calls`, 'GET');
    assert.deepEqual(
      (recorded.json.value as any[]).map((c) => [
        c.method,
        c.status,
        c.appId,
        c.conversationId === created.json.id,
      ]),
      [
        ['POST', 201, BOT_ID, false],
        ['POST', 201, BOT_ID, true],
        ['POST', 201, BOT_ID, true],
        ['PUT', 200, BOT_ID, true],
        ['DELETE', 200, BOT_ID, true],
      ],
    );
  });

  it('refuses calls without a valid bot token once a bot is registered', async () => {
    const res = await call(`${emulator.bot.serviceUrl}v3/conversations/a%3A1/activities`, 'POST', {
      type: 'message',
    });
    assert.equal(res.status, 401);
    const forged = await call(
      `${emulator.bot.serviceUrl}v3/conversations/a%3A1/activities`,
      'POST',
      {},
      'x.y.z',
    );
    assert.equal(forged.status, 401);
  });

  it('answers 403 for a user without the app and injected 429s with Retry-After', async () => {
    const token = (await botToken(emulator)).json.access_token as string;
    await call(`${emulator.origin}/_emulator/bot/users/29%3Abob/app`, 'PUT', { installed: false });
    const base = `${emulator.bot.serviceUrl}v3/conversations`;
    assert.equal((await call(base, 'POST', { members: [{ id: '29:bob' }] }, token)).status, 403);
    await call(`${emulator.origin}/_emulator/bot/faults`, 'POST', {
      status: 429,
      count: 1,
      retryAfterSeconds: 2,
    });
    const limited = await call(`${base}/a%3A1/activities`, 'POST', { type: 'message' }, token);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '2');
    assert.equal((await call(`${base}/a%3A1/activities`, 'POST', { type: 'message' }, token)).status, 201);
  });

  it('mints channel tokens over HTTP', async () => {
    const res = await call(`${emulator.origin}/_emulator/bot/channel-token`, 'POST', { appId: BOT_ID });
    assert.equal(res.status, 201);
    const payload = JSON.parse(
      Buffer.from((res.json.token as string).split('.')[1] ?? '', 'base64url').toString(),
    );
    assert.equal(payload.iss, 'https://api.botframework.com');
    assert.equal(payload.aud, BOT_ID);
    assert.equal(payload.serviceurl, emulator.bot.serviceUrl);
  });
});

describe('the bot client-credentials factory', () => {
  let emulator: GraphEmulator;
  beforeEach(async () => {
    emulator = await startGraphEmulator();
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
  });
  afterEach(() => emulator.close());

  const sign = async (factory: ClientCredentialsFactory) => {
    const credentials = await factory.createCredentials(BOT_ID, 'https://api.botframework.com');
    const headers = new Map<string, string>();
    await credentials.signRequest({ headers: { set: (k: string, v: string) => headers.set(k, v) } } as any);
    return headers.get('authorization');
  };

  it('reuses its token until five minutes before expiry, then asks again', async () => {
    let now = Date.now();
    const factory = new ClientCredentialsFactory({
      appId: BOT_ID,
      password: BOT_PASSWORD,
      loginUrl: emulator.bot.loginUrl(),
      now: () => now,
    });
    const first = await sign(factory);
    assert.match(first ?? '', /^Bearer ey/);
    now += 50 * 60 * 1000;
    assert.equal(await sign(factory), first);
    assert.equal(emulator.bot.tokensIssued(), 1);
    now += 6 * 60 * 1000;
    await sign(factory);
    assert.equal(emulator.bot.tokensIssued(), 2);
  });

  it("fails with bot_token_unavailable and the status, never the authority's text", async () => {
    const factory = new ClientCredentialsFactory({
      appId: BOT_ID,
      password: 'wrong',
      loginUrl: emulator.bot.loginUrl(),
    });
    await assert.rejects(sign(factory), (error: Error & { code?: string }) => {
      assert.equal(error.code, 'bot_token_unavailable');
      assert.equal(error.message, 'The bot token authority answered 401');
      return true;
    });
  });

  it('signs nothing in anonymous mode', async () => {
    const factory = new ClientCredentialsFactory({
      appId: null,
      password: null,
      loginUrl: emulator.bot.loginUrl(),
    });
    assert.equal(await factory.isAuthenticationDisabled(), true);
    assert.equal(await sign(factory), undefined);
  });
});
