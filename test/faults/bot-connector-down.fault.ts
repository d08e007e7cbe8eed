// Issue 13 part 3: the Bot Connector answers every call 503 for 12 s while two agents keep sending chat
// messages to five Teams users (the real Switchboard with BOT_ID set, the emulator as the Bot Framework).
// Afterwards every message must be in Teams, each conversation's in the order it was sent, none twice, and
// every outcome reported to the contact center as delivered. Figures: calls during the outage, catch-up time.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { RecordedBotCall } from '../../src/adapters/graph-emulator';
import { ChatE2E, eventually, textOf } from '../chat/e2e-support';
import { report, sleep } from './load';

const OUTAGE_MS = 12_000;
const WAVES = 4;
const CONVERSATIONS = [
  ['A100', randomUUID()],
  ['A100', randomUUID()],
  ['A100', randomUUID()],
  ['A200', randomUUID()],
  ['A200', randomUUID()],
] as const;

describe('fault: the Bot Connector down', function () {
  this.timeout(150_000);
  let t: ChatE2E;
  beforeEach(async () => {
    t = await ChatE2E.start();
  });
  afterEach(() => t.close());

  it('delivers the chat afterwards, in order per conversation, once each', async () => {
    const sent: string[] = [];
    const wave = async (n: number) => {
      for (const [agent, user] of CONVERSATIONS) {
        const id = `${user.slice(0, 8)}-${n}`;
        sent.push(id);
        await t.agent(agent, t.post(id, id, { teamsUserId: user }));
      }
    };
    await wave(0);
    await t.settled(CONVERSATIONS.length);
    const downAt = Date.now();
    t.emulator.bot.injectFaults({ status: 503, count: 1_000_000 });
    for (let n = 1; n <= WAVES; n += 1) {
      await wave(n);
      await sleep(OUTAGE_MS / WAVES);
    }
    t.emulator.bot.clearFaults();
    const upAt = Date.now();
    const callsDuringOutage = t.emulator.bot.calls().filter((c) => c.at >= downAt && c.at < upAt).length;
    await eventually(() => t.toCc('chat.status').length >= sent.length, 120_000).catch(() => undefined);
    const caughtUpMs = Date.now() - upAt;

    const posts = t.sent('POST');
    const texts = posts.map((c) => textOf(c).replace(/^\*\*A\d+\*\*: /, ''));
    const duplicates = texts.length - new Set(texts).size;
    const byConversation = new Map<string, string[]>();
    posts.forEach((c: RecordedBotCall, i) => {
      const key = c.conversationId ?? '?';
      byConversation.set(key, [...(byConversation.get(key) ?? []), texts[i] ?? '']);
    });
    const expected = CONVERSATIONS.map(([, user]) => sent.filter((id) => id.startsWith(user.slice(0, 8))));
    const actual = [...byConversation.values()].sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
    const statuses = t.toCc('chat.status');
    const delivered = statuses.filter((s) => s.status === 'delivered').length;
    report('bot-connector-down', {
      messages_sent: sent.length,
      delivered_to_teams: new Set(texts).size,
      reported_delivered: delivered,
      lost: sent.length - new Set(texts).size,
      duplicates_delivered: duplicates,
      outage_ms: upAt - downAt,
      connector_calls_during_outage: callsDuringOutage,
      all_delivered_ms_after_up: caughtUpMs,
    });
    assert.equal(duplicates, 0, 'no message sent to Teams twice');
    assert.deepEqual(
      actual,
      expected.sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? '')),
      'every conversation got its messages, in the order they were sent',
    );
    assert.equal(delivered, sent.length, 'every message reported delivered to the contact center');
  });
});
