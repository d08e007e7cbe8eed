// The chat relay inside the running service: signed chat.* events over HTTP, through the inbox and the
// sync engine, to the chat transport, and chat.status back to the contact center's endpoint (issue 8).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../../bot/app';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/ports/logger.port';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { FakeChatTransport } from '../support/fake-chat-transport';
import { USER } from './samples';

const SECRET = 'chat-cc-secret';
const TOKEN = 'chat-graph-token';

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('chat relay in the running service (HTTP in, chat.status out)', () => {
  let graph: GraphEmulator;
  let cc: Receiver;
  let app: RunningSwitchboard;
  let dir: string;
  let transport: FakeChatTransport;

  beforeEach(async () => {
    graph = await startGraphEmulator({ token: TOKEN });
    cc = await startReceiver(SECRET, () => Date.now() / 1000);
    dir = mkdtempSync(join(tmpdir(), 'switchboard-chat-service-'));
    transport = new FakeChatTransport(() => Date.now());
    transport.installed.add(USER);
    const config = parseConfig({
      PORT: '0',
      DATA_DIR: dir,
      GRAPH_BASE_URL: graph.url,
      GRAPH_TOKEN: TOKEN,
      AZURE_AUTHORITY_HOST: graph.origin,
      CC_WEBHOOK_SECRET: SECRET,
      CC_OUTBOUND_URL: cc.url,
    });
    app = await startSwitchboard(config, {
      logger: silentLogger,
      host: '127.0.0.1',
      chatTransport: transport,
    });
  });
  afterEach(async () => {
    await app.close();
    await cc.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function post(events: unknown[]): Promise<number> {
    const text = JSON.stringify({ events });
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders(SECRET, text, Date.now() / 1000),
    };
    const response = await fetch(`${app.url}/api/cc/events`, { method: 'POST', headers, body: text });
    return response.status;
  }
  const at = () => new Date().toISOString();
  const statuses = () => cc.accepted().filter((b) => b.type === 'chat.status');

  it('delivers a message and its edit, refuses a user without the app, and reports each to the contact center', async () => {
    const status = await post([
      {
        id: 'c1',
        type: 'chat.message',
        occurredAt: at(),
        agentId: 'A1',
        messageId: 'm1',
        to: { teamsUserId: USER },
        text: 'Hi',
      },
      { id: 'c2', type: 'chat.edit', occurredAt: at(), agentId: 'A1', messageId: 'm1', text: 'Hi!' },
      {
        id: 'c3',
        type: 'chat.message',
        occurredAt: at(),
        agentId: 'A1',
        messageId: 'm2',
        to: { teamsUserId: 'u-no-app' },
        text: 'Hello?',
      },
    ]);
    assert.equal(status, 202);
    await until('three chat.status', () => statuses().length === 3);
    // Order is per conversation: m2 (another Teams user) may be settled before m1's edit.
    const of = (id: string) =>
      statuses()
        .filter((s) => s.messageId === id)
        .map((s) => [s.status, s.code ?? null]);
    assert.deepEqual(of('m1'), [
      ['delivered', null],
      ['delivered', null],
    ]);
    assert.deepEqual(of('m2'), [['failed', 'app_not_installed']]);
    assert.deepEqual(
      transport.shown.map((m) => m.text),
      ['A1: Hi!'],
    );
    const settled = await app.store.pendingEvents(statuses()[0]?.agentId);
    assert.deepEqual(settled, [], 'every chat event reached an outcome');
  });
});
