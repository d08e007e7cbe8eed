// Bot authentication (the bot authentication rules, issue 6 item 2, issue 8 item 6): with BOT_ID set and
// the emulator as the Bot Framework, a signed activity gets its reply at the emulator's Bot Connector with a
// bot token; with BOT_ID empty the bot is anonymous only in local mode or with BOT_ALLOW_ANONYMOUS=true, and
// otherwise refuses with no outbound call.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../../bot/app';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/ports/logger.port';
import { GRAPH_TOKEN, newTeamsUserId, startFixture, type Fixture } from '../support/switchboard-fixture';
import { activity, BOT_ID, BOT_PASSWORD, botEnv, postActivity, startListener } from './bot-support';

describe('bot authentication', () => {
  let emulator: GraphEmulator;
  let f: Fixture | undefined;
  beforeEach(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
  });
  afterEach(async () => {
    await f?.close();
    f = undefined;
    await emulator.close();
  });

  it('answers a signed activity through the Bot Connector with a bot token (BOT_ID set)', async () => {
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    f = await startFixture(botEnv(emulator), undefined, emulator);
    const serviceUrl = emulator.bot.serviceUrl;
    const token = await emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl });
    const res = await postActivity(f.app.url, activity(serviceUrl, newTeamsUserId(), 'hello'), token);
    assert.equal(res.status, 200);
    const calls = emulator.bot.calls();
    assert.equal(calls.length, 1);
    assert.equal(calls[0]?.method, 'POST');
    assert.match(calls[0]?.path ?? '', /^\/v3\/conversations\/a%3Aconv-1\/activities\/m1$/);
    assert.equal(calls[0]?.appId, BOT_ID, 'the Bot Connector accepted the bot token');
    assert.equal(calls[0]?.status, 201);
    assert.match(JSON.stringify(calls[0]?.body), /An agent has not started a conversation with you/);
  });

  it('with BOT_ID set, the bot token is asked once and reused', async () => {
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    f = await startFixture(botEnv(emulator), undefined, emulator);
    const serviceUrl = emulator.bot.serviceUrl;
    for (let i = 0; i < 3; i += 1) {
      const token = await emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl });
      assert.equal(
        (await postActivity(f.app.url, activity(serviceUrl, newTeamsUserId(), 'hi'), token)).status,
        200,
      );
    }
    assert.deepEqual(
      emulator.bot.calls().map((c) => [c.status, c.appId]),
      [
        [201, BOT_ID],
        [201, BOT_ID],
        [201, BOT_ID],
      ],
    );
    assert.equal(emulator.bot.tokensIssued(), 1);
  });

  it('a Bot Connector that refuses the bot token is a 500 that does not echo its answer', async () => {
    emulator.bot.registerApp(BOT_ID, 'another-secret');
    f = await startFixture(botEnv(emulator), undefined, emulator);
    const serviceUrl = emulator.bot.serviceUrl;
    const token = await emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl });
    const res = await postActivity(f.app.url, activity(serviceUrl, newTeamsUserId(), 'hi'), token);
    assert.equal(res.status, 500);
    assert.deepEqual(Object.keys(res.json.error).sort(), ['code', 'message']);
    assert.equal(res.json.error.code, 'internal_error');
    assert.equal(emulator.bot.calls().length, 0, 'no token, so no call reached the connector');
  });

  it('real settings with BOT_ID empty: 503 bot_not_configured and no outbound call', async () => {
    f = await startFixture({}, undefined, emulator);
    const listener = await startListener();
    try {
      for (const token of [
        undefined,
        await emulator.bot.issueChannelToken({ appId: 'x', serviceUrl: listener.url }),
      ]) {
        const res = await postActivity(f.app.url, activity(listener.url, newTeamsUserId(), 'status'), token);
        assert.equal(res.status, 503);
        assert.equal(res.json.error.code, 'bot_not_configured');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(listener.requests.length, 0, 'nothing was sent to the serviceUrl');
      assert.equal(emulator.bot.calls().length, 0);
    } finally {
      await listener.close();
    }
  });

  it('BOT_ALLOW_ANONYMOUS=true with real settings: anonymous activities are answered', async () => {
    f = await startFixture({ BOT_ALLOW_ANONYMOUS: 'true' }, undefined, emulator);
    const serviceUrl = emulator.bot.serviceUrl;
    const res = await postActivity(f.app.url, activity(serviceUrl, newTeamsUserId(), 'hello'));
    assert.equal(res.status, 200);
    assert.deepEqual(
      emulator.bot.calls().map((c) => [c.status, c.appId]),
      [[201, null]],
    );
  });

  describe('local mode', () => {
    let app: RunningSwitchboard | undefined;
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'switchboard-bot-'));
    });
    afterEach(async () => {
      await app?.close();
      app = undefined;
      rmSync(dir, { recursive: true, force: true });
    });
    const start = (env: Record<string, string> = {}) =>
      startSwitchboard(parseConfig({ PORT: '0', EMULATOR_PORT: '0', DATA_DIR: dir, ...env }), {
        logger: silentLogger,
        host: '127.0.0.1',
      });

    it('accepts anonymous activities (no BOT_ID)', async () => {
      app = await start();
      const bot = app.emulator?.bot;
      assert.ok(bot);
      const res = await postActivity(app.url, activity(bot.serviceUrl, newTeamsUserId(), 'hello'));
      assert.equal(res.status, 200);
      assert.equal(bot.calls()[0]?.status, 201);
    });

    it('with BOT_ID set uses the emulator as the Bot Framework, tokens both ways', async () => {
      app = await start({ BOT_ID, BOT_PASSWORD });
      const bot = app.emulator?.bot;
      assert.ok(bot);
      const unsigned = await postActivity(app.url, activity(bot.serviceUrl, newTeamsUserId(), 'hello'));
      assert.equal(unsigned.status, 401);
      const token = await bot.issueChannelToken({ appId: BOT_ID });
      const res = await postActivity(app.url, activity(bot.serviceUrl, newTeamsUserId(), 'hello'), token);
      assert.equal(res.status, 200);
      assert.deepEqual(
        bot.calls().map((c) => [c.status, c.appId]),
        [[201, BOT_ID]],
      );
    });
  });
});
