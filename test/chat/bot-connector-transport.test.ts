// The real ChatTransport against the emulator's Bot Connector (bot token required) and a bare server for
// what the emulator does not do (a hang, an HTTP-date Retry-After): one HTTP call per attempt, results
// never thrown, Teams' answers mapped as the dispatcher needs them.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { ClientCredentialsFactory } from '../../bot/teams/bot-credentials';
import { BotConnectorTransport } from '../../src/adapters/bot-connector/bot-connector-transport';
import { retryAfterMs } from '../../src/adapters/bot-connector/connector-call';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { teamsActivityId, teamsUserId } from '../../src/domain/ids';
import { BOT_ID, BOT_PASSWORD } from '../integration/bot-support';

const USER = teamsUserId('0f0f0f0f-1111-2222-3333-444444444444');
const AGENT = { agentId: 'A100' as never, text: 'hello' };

describe('the Bot Connector chat transport', () => {
  let emulator: GraphEmulator;
  let transport: BotConnectorTransport;
  beforeEach(async () => {
    emulator = await startGraphEmulator();
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    const credentials = new ClientCredentialsFactory({
      appId: BOT_ID,
      password: BOT_PASSWORD,
      loginUrl: emulator.bot.loginUrl(),
    });
    transport = new BotConnectorTransport({
      authorize: () => credentials.bearer('https://api.botframework.com'),
      botId: BOT_ID,
      tenantId: 'tenant-1',
      serviceUrl: emulator.bot.serviceUrl,
    });
  });
  afterEach(() => emulator.close());

  it('creates the 1:1 chat, sends showing the agent, updates and deletes with the bot token', async () => {
    const sent = await transport.send({ teamsUserId: USER, reference: null }, AGENT);
    assert.equal(sent.kind, 'delivered');
    const reference = sent.kind === 'delivered' ? sent.reference! : assert.fail();
    const id = sent.activityId;
    assert.equal(reference.serviceUrl, emulator.bot.serviceUrl);
    assert.deepEqual(await transport.update(reference, id, { ...AGENT, text: 'edited' }), {
      kind: 'delivered',
      activityId: id,
    });
    assert.deepEqual(await transport.delete(reference, id), { kind: 'delivered', activityId: id });
    const calls = emulator.bot.calls();
    assert.deepEqual(
      calls.map((c) => [c.method, c.status, c.appId]),
      [
        ['POST', 201, BOT_ID],
        ['POST', 201, BOT_ID],
        ['PUT', 200, BOT_ID],
        ['DELETE', 200, BOT_ID],
      ],
    );
    assert.deepEqual(calls[0]?.body, {
      isGroup: false,
      bot: { id: `28:${BOT_ID}` },
      members: [{ id: USER }],
      tenantId: 'tenant-1',
      channelData: { tenant: { id: 'tenant-1' } },
    });
    assert.equal((calls[1]?.body as { text: string }).text, '**A100**: hello');
    assert.equal(emulator.bot.tokensIssued(), 1, 'the token is cached');
  });

  it('maps 403 to app_not_installed, and 429/412/502/504 to one retry each, honouring Retry-After', async () => {
    emulator.bot.setAppInstalled(USER, false);
    const refused = await transport.send({ teamsUserId: USER, reference: null }, AGENT);
    assert.deepEqual(refused.kind === 'failed' && refused.code, 'app_not_installed');
    emulator.bot.setAppInstalled(USER, true);
    for (const status of [429, 412, 502, 504]) {
      emulator.bot.injectFaults({ status, count: 1, retryAfterSeconds: 3 });
      const before = emulator.bot.calls().length;
      const answer = await transport.send({ teamsUserId: USER, reference: null }, AGENT);
      assert.deepEqual(answer, {
        kind: 'retry',
        error: answer.kind === 'retry' ? answer.error : '',
        retryAfterMs: 3000,
      });
      assert.match(answer.kind === 'retry' ? answer.error : '', new RegExp(`Teams answered ${status}`));
      assert.equal(emulator.bot.calls().length, before + 1, 'no retry inside the transport');
    }
  });

  it('a wrong bot secret fails the send with a retry, never a throw', async () => {
    const credentials = new ClientCredentialsFactory({
      appId: BOT_ID,
      password: 'wrong',
      loginUrl: emulator.bot.loginUrl(),
    });
    const bad = new BotConnectorTransport({
      authorize: () => credentials.bearer('https://api.botframework.com'),
      botId: BOT_ID,
      tenantId: null,
      serviceUrl: emulator.bot.serviceUrl,
    });
    const answer = await bad.send({ teamsUserId: USER, reference: null }, AGENT);
    assert.equal(answer.kind, 'retry');
    assert.equal(emulator.bot.calls().length, 0, 'nothing sent without a token');
  });
});

describe('the Bot Connector chat transport, odd answers', () => {
  let server: Server;
  let url: string;
  let answer: (res: import('node:http').ServerResponse) => void;
  before(async () => {
    server = createServer((_req, res) => answer(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
  });
  after(() => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  const reference = () => ({
    teamsUserId: USER,
    tenantId: 't',
    serviceUrl: url,
    conversationId: 'a:1',
    updatedAt: '',
  });
  const make = (timeoutMs = 2000) =>
    new BotConnectorTransport({
      authorize: async () => null,
      botId: null,
      tenantId: null,
      serviceUrl: url,
      timeoutMs,
      now: () => Date.parse('2026-12-01T10:00:00Z'),
    });

  it('a Bot Connector that does not answer in time is a retry', async () => {
    answer = () => undefined; // hang
    const result = await make(200).send({ teamsUserId: USER, reference: reference() }, AGENT);
    assert.deepEqual(result, { kind: 'retry', error: 'Bot Connector timed out' });
  });

  it('Retry-After as an HTTP date; a delete of a message already gone is delivered; an update of one is message_not_found', async () => {
    answer = (res) => (res.writeHead(429, { 'retry-after': 'Tue, 01 Dec 2026 10:00:05 GMT' }), res.end());
    const throttled = await make().send({ teamsUserId: USER, reference: reference() }, AGENT);
    assert.equal(throttled.kind === 'retry' && throttled.retryAfterMs, 5000);
    answer = (res) => (
      res.writeHead(404, { 'content-type': 'application/json' }),
      res.end('{"error":{"code":"ActivityNotFoundInConversation"}}')
    );
    const id = teamsActivityId('9');
    assert.deepEqual(await make().delete(reference(), id), { kind: 'delivered', activityId: id });
    const update = await make().update(reference(), id, AGENT);
    assert.equal(update.kind === 'failed' && update.code, 'message_not_found');
    assert.match(update.kind === 'failed' ? update.message : '', /404 ActivityNotFoundInConversation/);
  });

  it('reads Retry-After seconds and dates, and ignores anything else', () => {
    assert.equal(retryAfterMs('7', 0), 7000);
    assert.equal(retryAfterMs('Thu, 01 Jan 1970 00:00:02 GMT', 0), 2000);
    assert.equal(retryAfterMs('soon', 0), undefined);
    assert.equal(retryAfterMs(null, 0), undefined);
  });
});
