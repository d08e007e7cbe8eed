// Chat, contact center → Teams, through the emulator's Bot Connector with BOT_ID set (bot tokens, signed
// ingest, the durable chat outbox): p50/p99 from an accepted chat.message (the 202) to the Bot Connector
// recording the send; messages per second through one conversation (Teams' 7/s per chat is the ceiling)
// and across 100 conversations. `npx tsx bench/chat.ts`. Not a test: nothing here asserts.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../bot/app';
import { startGraphEmulator, type GraphEmulator } from '../src/adapters/graph-emulator';
import { signatureHeaders } from '../src/adapters/signature/hmac-signature';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/ports/logger.port';
import { summary, until } from './stats';

const SECRET = 'bench-secret';
const BOT_ID = '33333333-4444-5555-6666-777777777777';
const BOT_PASSWORD = 'bench-bot-secret';

interface Rig {
  readonly emulator: GraphEmulator;
  readonly app: RunningSwitchboard;
  /** Posts chat.message events in one signed batch; resolves at the 202. */
  post(messages: readonly { user: string; text: string }[]): Promise<number>;
  /** Bot Connector calls that succeeded (creates and sends) so far. */
  succeeded(): number;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const emulator = await startGraphEmulator({ token: 't' });
  emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-chat-'));
  const env = {
    PORT: '0',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: emulator.url,
    GRAPH_TOKEN: 't',
    CC_WEBHOOK_SECRET: SECRET,
    ADMIN_API_KEY: 'k',
    LOG_LEVEL: 'error',
    BOT_ID,
    BOT_PASSWORD,
    BOT_OPENID_METADATA_URL: emulator.bot.openIdMetadataUrl,
    BOT_LOGIN_URL: emulator.bot.loginUrl(),
    BOT_SERVICE_URL: emulator.bot.serviceUrl,
  };
  const app = await startSwitchboard(parseConfig(env), { logger: silentLogger, host: '127.0.0.1' });
  return {
    emulator,
    app,
    async post(messages) {
      const events = messages.map((m) => ({
        id: randomUUID(),
        type: 'chat.message',
        occurredAt: new Date().toISOString(),
        agentId: 'A-bench',
        messageId: randomUUID(),
        to: { teamsUserId: m.user },
        text: m.text,
      }));
      const body = JSON.stringify({ events });
      const res = await fetch(`${app.url}/api/cc/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, Date.now() / 1000) },
        body,
      });
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
      return Date.now();
    },
    succeeded: () => emulator.bot.calls().filter((c) => c.status === 201).length,
    async close() {
      await app.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const users = (n: number) => Array.from({ length: n }, () => randomUUID());

async function latency(r: Rig, samples: number): Promise<string> {
  // Rotating over 20 chats keeps Teams' per-chat spacing out of the figure; each chat exists beforehand.
  const chats = users(20);
  const ready = r.succeeded() + 2 * chats.length;
  await r.post(chats.map((user) => ({ user, text: 'warm-up' })));
  await until(() => r.succeeded() >= ready, 30_000);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const before = r.emulator.bot.calls().length;
    const accepted = await r.post([{ user: chats[i % chats.length]!, text: `sample ${i}` }]);
    await until(() => r.emulator.bot.calls().length > before, 10_000);
    times.push(r.emulator.bot.calls()[before]!.at - accepted);
  }
  return summary('chat accepted chat.message → Bot Connector send', times);
}

async function throughput(r: Rig, conversations: number, perConversation: number): Promise<string> {
  const chats = users(conversations);
  const ready = r.succeeded() + 2 * conversations;
  await r.post(chats.map((user) => ({ user, text: 'open the chat' })));
  await until(() => r.succeeded() >= ready, 60_000);
  const start = r.emulator.bot.calls().length;
  const batch = chats.flatMap((user) =>
    Array.from({ length: perConversation }, (_, i) => ({ user, text: `m${i}` })),
  );
  const t0 = Date.now();
  for (let i = 0; i < batch.length; i += 500) await r.post(batch.slice(i, i + 500));
  // Polled gently: the service runs in this process, and a busy poll would take its event loop.
  while (r.emulator.bot.calls().length - start < batch.length) await sleep(20);
  const seconds = (r.emulator.bot.calls().at(-1)!.at - t0) / 1000;
  const rate = (batch.length / seconds).toFixed(1);
  return `chat messages/s across ${conversations} conversation(s): ${rate} (n=${batch.length}, ${seconds.toFixed(2)} s)`;
}

export async function benchChat(): Promise<string[]> {
  const r = await rig();
  try {
    return [await latency(r, 200), await throughput(r, 1, 50), await throughput(r, 100, 10)];
  } finally {
    await r.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void benchChat().then((lines) => {
    console.log(`node ${process.version}, ${new Date().toISOString()}`);
    for (const line of lines) console.log(line);
  });
}
