// Chat relay throughput and latency on the embedded store with an instant fake Bot Connector (real clock):
// one conversation (bounded by Teams' 7/s), a burst over 100 conversations, and a steady 200/s over 100.
// Run: npx tsx test/chat/relay-throughput.bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { ChatDispatcher } from '../../src/chat/chat-dispatcher';
import { processChatInbox } from '../../src/chat/chat-inbox';
import type { ChatMessageEvent } from '../../src/domain/events';
import { agentId, ccEventId } from '../../src/domain/ids';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import { FakeChatTransport } from '../support/fake-chat-transport';

const A = agentId('A1');
let n = 0;
async function run(conversations: number, perConversation: number, batch: number, gapMs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatbench-'));
  const store = openSqliteStore(dir);
  const chat = store.chat();
  const transport = new FakeChatTransport(() => Date.now());
  const users = Array.from({ length: conversations }, (_, i) => `u-${i}`);
  users.forEach((u) => transport.installed.add(u));
  const d = new ChatDispatcher({ chat, store, transport, clock: systemClock, logger: silentLogger });
  d.start();
  const acceptedAt = new Map<string, number>();
  const events: ChatMessageEvent[] = [];
  for (let k = 0; k < perConversation; k++)
    for (const u of users)
      events.push({
        id: ccEventId(`e${++n}`),
        type: 'chat.message' as const,
        occurredAt: new Date().toISOString(),
        agentId: A,
        messageId: `m${n}`,
        to: { teamsUserId: u },
        text: `t${n}`,
      });
  const start = Date.now();
  for (let i = 0; i < events.length; i += batch) {
    const slice = events.slice(i, i + batch);
    await store.acceptEvents(slice, new Date().toISOString());
    const now = Date.now();
    slice.forEach((e) => acceptedAt.set(e.text, now));
    await processChatInbox({ store, chat, clock: systemClock, queued: () => d.kick() }, A);
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  while (transport.calls.length < events.length) await new Promise((r) => setTimeout(r, 5));
  const elapsed = (Date.now() - start) / 1000;
  const lat = transport.calls.map((c) => c.at - (acceptedAt.get(c.text ?? '') ?? 0)).sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(
    JSON.stringify({
      conversations,
      messages: events.length,
      seconds: elapsed,
      perSecond: +(events.length / elapsed).toFixed(1),
      p50ms: q(0.5),
      p99ms: q(0.99),
    }),
  );
  await d.stop(1000);
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
await run(1, 50, 50, 0);
await run(100, 5, 500, 0);
await run(100, 2, 10, 50);
