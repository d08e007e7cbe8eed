// Real-style start-up (issue 6 "Done when"): `bot/main.ts` as a child process with Graph at a loopback
// emulator and AZURE_TENANT_ID set starts and serves with BOT_ID empty (the bot refuses, says so at
// start-up) and with BOT_ID set (a single-tenant bot whose tokens come from the emulator's authority).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { startChild, type Child } from '../support/child-switchboard';
import { freePort } from '../support/free-port';
import { GRAPH_TOKEN, newTeamsUserId, startFixture } from '../support/switchboard-fixture';
import { activity, BOT_ID, BOT_PASSWORD, botEnv, postActivity } from './bot-support';

const TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

describe('real-style start-up with the bot', () => {
  let emulator: GraphEmulator;
  let dataDir: string;
  let child: Child | undefined;
  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-botstart-'));
  });
  afterEach(async () => {
    child?.process.kill('SIGTERM');
    if (child) await child.exited;
    child = undefined;
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const realEnv = () => ({
    PORT: '0',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: emulator.url,
    GRAPH_TOKEN,
    AZURE_TENANT_ID: TENANT,
    AZURE_CLIENT_ID: '44444444-4444-4444-4444-444444444444',
    AZURE_AUTHORITY_HOST: emulator.origin,
    CC_WEBHOOK_SECRET: 'startup-secret',
  });

  it('starts with AZURE_TENANT_ID set and BOT_ID empty; the bot refuses and says so', async () => {
    child = await startChild(realEnv());
    assert.match(child.output(), /"botMode":"refused".*bot: not configured/);
    assert.equal((await fetch(`${child.url}/healthz`)).status, 200);
    const res = await postActivity(child.url, activity(emulator.bot.serviceUrl, newTeamsUserId(), 'status'));
    assert.equal(res.status, 503);
    assert.equal(res.json.error.code, 'bot_not_configured');
    assert.equal(emulator.bot.calls().length, 0);
  });

  it('starts with BOT_ID set as a single-tenant bot and answers a signed activity', async () => {
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    child = await startChild({ ...realEnv(), ...botEnv(emulator, TENANT) });
    assert.match(child.output(), /"botMode":"authenticated"/);
    const token = await emulator.bot.issueChannelToken({ appId: BOT_ID });
    const res = await postActivity(
      child.url,
      activity(emulator.bot.serviceUrl, newTeamsUserId(), 'hi'),
      token,
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      emulator.bot.calls().map((c) => [c.status, c.appId]),
      [[201, BOT_ID]],
    );
  });
});

describe('bot signing keys out of reach', () => {
  it('is 503 bot_auth_unavailable, not 401 and not 500', async () => {
    const emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    const dead = `http://127.0.0.1:${await freePort()}/bot/v1/.well-known/openidconfiguration`;
    const f = await startFixture({ ...botEnv(emulator), BOT_OPENID_METADATA_URL: dead }, undefined, emulator);
    try {
      const token = await emulator.bot.issueChannelToken({ appId: BOT_ID });
      const res = await postActivity(
        f.app.url,
        activity(emulator.bot.serviceUrl, newTeamsUserId(), 'hi'),
        token,
      );
      assert.equal(res.status, 503);
      assert.equal(res.json.error.code, 'bot_auth_unavailable');
      assert.doesNotMatch(res.text, /127\.0\.0\.1|openid/);
    } finally {
      await f.close();
      await emulator.close();
    }
  });
});
