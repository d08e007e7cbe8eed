// Security rows for POST /api/messages (issue 6 item 3): with BOT_ID set, every forged or unusable Bot
// Framework token is 401 in the contract's error shape, with nothing about keys or URLs in the body;
// nothing reaches the Bot Connector or the activity's serviceUrl; and the service still answers /healthz.
// Bad bodies are 400/413, a failed turn is 500 without the target's text, an unhandled invoke 501.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { GRAPH_TOKEN, newTeamsUserId, startFixture, type Fixture } from '../support/switchboard-fixture';
import {
  activity,
  BOT_ID,
  BOT_PASSWORD,
  botEnv,
  postActivity,
  startListener,
  type Listener,
} from '../integration/bot-support';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

interface Target {
  readonly emulator: GraphEmulator;
  readonly kid: string;
  readonly listener: Listener;
}

function claims(serviceUrl: string) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://api.botframework.com',
    aud: BOT_ID,
    serviceurl: serviceUrl,
    nbf: now,
    exp: now + 3600,
  };
}

const foreignKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

/** Each row: the Authorization header value (or none) and the serviceUrl its activity carries. */
const FORGED: readonly {
  readonly name: string;
  readonly header: (t: Target) => Promise<string | undefined>;
  readonly serviceUrl?: (t: Target) => string;
}[] = [
  { name: 'no Authorization header', header: () => Promise.resolve(undefined) },
  { name: 'a bearer that is not a JWT', header: () => Promise.resolve('Bearer not-a-jwt') },
  {
    name: 'the Basic scheme',
    header: () => Promise.resolve(`Basic ${Buffer.from('a:b').toString('base64')}`),
  },
  {
    name: 'HS256 signed with BOT_PASSWORD, the real kid',
    header: async (t) =>
      `Bearer ${await new SignJWT(claims(t.emulator.bot.serviceUrl))
        .setProtectedHeader({ alg: 'HS256', kid: t.kid })
        .sign(new TextEncoder().encode(BOT_PASSWORD))}`,
  },
  {
    name: 'HS256 signed with BOT_PASSWORD, no kid',
    header: async (t) =>
      `Bearer ${await new SignJWT(claims(t.emulator.bot.serviceUrl))
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode(BOT_PASSWORD))}`,
  },
  {
    name: 'RS256 from an unknown key',
    header: async (t) =>
      `Bearer ${await new SignJWT(claims(t.emulator.bot.serviceUrl))
        .setProtectedHeader({ alg: 'RS256', kid: randomUUID() })
        .sign(foreignKey)}`,
  },
  {
    name: 'RS256 from an unknown key claiming the real kid',
    header: async (t) =>
      `Bearer ${await new SignJWT(claims(t.emulator.bot.serviceUrl))
        .setProtectedHeader({ alg: 'RS256', kid: t.kid })
        .sign(foreignKey)}`,
  },
  {
    name: 'alg none',
    header: (t) =>
      Promise.resolve(
        `Bearer ${b64({ alg: 'none', kid: t.kid })}.${b64(claims(t.emulator.bot.serviceUrl))}.`,
      ),
  },
  {
    name: 'a wrong audience',
    header: async (t) => `Bearer ${await t.emulator.bot.issueChannelToken({ appId: randomUUID() })}`,
  },
  {
    name: 'a wrong issuer',
    header: async (t) =>
      `Bearer ${await t.emulator.bot.issueChannelToken({ appId: BOT_ID, issuer: 'https://evil.example' })}`,
  },
  {
    name: 'an expired token',
    header: async (t) =>
      `Bearer ${await t.emulator.bot.issueChannelToken({ appId: BOT_ID, expiresInSeconds: -3600 })}`,
  },
  {
    name: 'a token not valid yet',
    header: async (t) =>
      `Bearer ${await t.emulator.bot.issueChannelToken({ appId: BOT_ID, notBeforeSeconds: 3600 })}`,
  },
  {
    name: "a serviceurl claim that is not the activity's serviceUrl",
    header: async (t) => `Bearer ${await t.emulator.bot.issueChannelToken({ appId: BOT_ID })}`,
    serviceUrl: (t) => t.listener.url,
  },
];

describe('security: /api/messages with BOT_ID set', () => {
  let target: Target;
  let f: Fixture;
  before(async () => {
    const emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    const jwks = (await (await fetch(`${emulator.origin}/bot/v1/.well-known/keys`)).json()) as {
      keys: { kid: string }[];
    };
    target = { emulator, kid: jwks.keys[0]?.kid ?? '', listener: await startListener() };
    f = await startFixture(botEnv(emulator), undefined, emulator);
  });
  after(async () => {
    await f.close();
    await target.listener.close();
    await target.emulator.close();
  });
  afterEach(() => target.emulator.bot.reset());

  for (const row of FORGED) {
    it(`${row.name} → 401 unauthorized, nothing sent`, async () => {
      const serviceUrl = row.serviceUrl?.(target) ?? target.emulator.bot.serviceUrl;
      const header = await row.header(target);
      const res = await postActivity(
        f.app.url,
        activity(serviceUrl, newTeamsUserId(), 'status'),
        undefined,
        header === undefined ? {} : { authorization: header },
      );
      assert.equal(res.status, 401);
      assert.deepEqual(Object.keys(res.json.error).sort(), ['code', 'message']);
      assert.equal(res.json.error.code, 'unauthorized');
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      assert.doesNotMatch(
        res.text,
        /https?:|openid|\.well-known|signing key|jwt /i,
        'no internals in the body',
      );
      assert.equal(target.emulator.bot.calls().length, 0, 'nothing reached the Bot Connector');
      assert.equal(target.listener.requests.length, 0, 'nothing reached the serviceUrl');
      assert.equal((await fetch(`${f.app.url}/healthz`)).status, 200);
    });
  }

  const BAD_BODIES: readonly { name: string; body: string; status: number; code: string }[] = [
    { name: 'not JSON', body: '{"type":', status: 400, code: 'invalid_activity' },
    { name: 'an array', body: '[]', status: 400, code: 'invalid_activity' },
    {
      name: 'no serviceUrl',
      body: JSON.stringify({ type: 'message', channelId: 'msteams', conversation: { id: 'a' } }),
      status: 400,
      code: 'invalid_activity',
    },
    {
      name: 'a file: serviceUrl',
      body: JSON.stringify({ ...activity('file:///etc/passwd', 'u', 'x') }),
      status: 400,
      code: 'invalid_activity',
    },
    {
      name: 'over 256 KiB',
      body: JSON.stringify({ text: 'x'.repeat(300 * 1024) }),
      status: 413,
      code: 'payload_too_large',
    },
  ];
  for (const row of BAD_BODIES) {
    it(`a body that is ${row.name} → ${row.status} ${row.code}`, async () => {
      const token = await target.emulator.bot.issueChannelToken({ appId: BOT_ID });
      const res = await postActivity(f.app.url, row.body, token);
      assert.equal(res.status, row.status);
      assert.equal(res.json?.error?.code, row.code);
      assert.equal(target.emulator.bot.calls().length, 0);
    });
  }

  it('an invoke no handler takes → 501 not_implemented in the contract shape', async () => {
    const token = await target.emulator.bot.issueChannelToken({ appId: BOT_ID });
    const invoke = {
      ...activity(target.emulator.bot.serviceUrl, newTeamsUserId(), ''),
      type: 'invoke',
      name: 'x/y',
    };
    const res = await postActivity(f.app.url, invoke, token);
    assert.equal(res.status, 501);
    assert.equal(res.json.error.code, 'not_implemented');
  });

  // 403 rather than 5xx: the connector client retries 5xx with back-off, which only slows the test.
  it('a Bot Connector refusing the reply → 500 internal_error without its text', async () => {
    target.emulator.bot.injectFaults({ status: 403, count: 5 });
    const token = await target.emulator.bot.issueChannelToken({ appId: BOT_ID });
    const res = await postActivity(
      f.app.url,
      activity(target.emulator.bot.serviceUrl, newTeamsUserId(), 'hi'),
      token,
    );
    assert.equal(res.status, 500);
    assert.equal(res.json.error.code, 'internal_error');
    assert.doesNotMatch(res.text, /Injected fault|Forbidden|403/);
    assert.equal((await fetch(`${f.app.url}/healthz`)).status, 200);
  });
});

describe('security: /api/messages anonymous (BOT_ALLOW_ANONYMOUS=true)', () => {
  it("a serviceUrl that answers 400 with text → 500 that does not reflect the target's text", async () => {
    const emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    const listener = await startListener();
    const f = await startFixture({ BOT_ALLOW_ANONYMOUS: 'true' }, undefined, emulator);
    try {
      const res = await postActivity(f.app.url, activity(listener.url, newTeamsUserId(), 'status'));
      assert.equal(res.status, 500);
      assert.equal(res.json.error.code, 'internal_error');
      assert.doesNotMatch(res.text, /INTERNAL-SECRET-TEXT/);
      assert.ok(listener.requests.length > 0, 'the anonymous bot did reply there (the allowed risk)');
    } finally {
      await f.close();
      await listener.close();
      await emulator.close();
    }
  });
});
