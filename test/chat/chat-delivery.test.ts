// Agent → Teams delivery through the durable inbox, the chat outbox and the dispatcher, on a real SQLite
// store with the fake Bot Connector and a fake clock (issue 8).
import assert from 'node:assert/strict';
import { fromCcEvent } from '../../src/chat/cc-translate';
import { processChatInbox } from '../../src/chat/chat-inbox';
import { ccMessageId, teamsUserId } from '../../src/domain/ids';
import { ChatHarness } from './chat-harness';
import { ANN, AT, BOB, KEY } from './samples';

describe('chat delivery: contact center → Teams', () => {
  let h: ChatHarness;
  beforeEach(() => {
    h = new ChatHarness();
  });
  afterEach(async () => h.close());

  it('sends an agent message to the Teams user, maps the ids, keeps the chat and reports delivered', async () => {
    await h.accept(h.post('m1', 'Hello from Ann'));
    assert.deepEqual(
      h.transport.shown.map((m) => [m.text, m.deleted]),
      [['A-ann: Hello from Ann', false]],
    );
    const mapped = await h.chat.mappingByCc(ccMessageId('m1'));
    assert.equal(mapped?.teamsActivityId, h.transport.shown[0]?.activityId);
    assert.equal(mapped?.origin, 'cc');
    assert.ok(
      await h.chat.conversationByUser(teamsUserId(KEY)),
      'the created chat is kept for the next message',
    );
    assert.equal(await h.chat.lastAgent(KEY), ANN);
    assert.deepEqual(
      (await h.statuses()).map((s) => [s.type, s.messageId, s.status]),
      [['chat.status', 'm1', 'delivered']],
    );
    assert.deepEqual(
      (await h.store.outboundFor(ANN)).map((o) => o.status),
      ['pending'],
      'the status waits in the outbound outbox for the contact center',
    );
  });

  it('delivers a burst of 30 under injected 429s: complete, once each, in order, within 7 a second', async () => {
    h.transport.inject({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 2000 }, 2);
    const events = Array.from({ length: 30 }, (_, i) => h.post(`b${i}`, `message ${i}`));
    await h.accept(...events);
    h.transport.inject({ kind: 'retry', error: 'HTTP 429', retryAfterMs: 1500 }, 3);
    await h.drain();
    assert.deepEqual(
      h.transport.shown.map((m) => m.text),
      events.map((_, i) => `A-ann: message ${i}`),
    );
    const statuses = await h.statuses();
    assert.equal(statuses.length, 30);
    assert.ok(statuses.every((s) => s.status === 'delivered'));
    const calls = h.transport.calls;
    assert.equal(calls.filter((c) => c.result === 'retry').length, 5);
    for (const call of calls) {
      const inWindow = calls.filter((c) => c.at > call.at - 1000 && c.at <= call.at).length;
      assert.ok(inWindow <= 7, `${inWindow} sends within a second ending at ${call.at}`);
    }
    const first = calls[0];
    const second = calls[1];
    assert.ok(first && second && second.at - first.at >= 2000, 'Retry-After is honoured');
  });

  it('tells the contact center app_not_installed when Teams refuses the user, and goes on with others', async () => {
    await h.accept(h.post('m1', 'Hi', ANN, 'u-without-app'), h.post('m2', 'Hi there'));
    await h.drain();
    assert.deepEqual(
      h.transport.shown.map((m) => m.text),
      ['A-ann: Hi there'],
    );
    const statuses = await h.statuses();
    assert.deepEqual(
      statuses.map((s) => [s.messageId, s.status, s.code ?? null]),
      [
        ['m1', 'failed', 'app_not_installed'],
        ['m2', 'delivered', null],
      ],
    );
    assert.match(String(statuses[0]?.message), /403/);
  });

  it('keeps the id map across a restart between send and edit, and edits the same Teams message', async () => {
    await h.accept(h.post('m1', 'Frist'));
    await h.restart();
    await h.accept(h.edit('m1', 'First'));
    await h.drain();
    assert.deepEqual(
      h.transport.calls.map((c) => c.op),
      ['send', 'update'],
    );
    assert.equal(h.transport.calls[1]?.activityId, h.transport.shown[0]?.activityId);
    assert.deepEqual(
      h.transport.shown.map((m) => m.text),
      ['A-ann: First'],
    );
    assert.deepEqual(
      (await h.statuses()).map((s) => s.status),
      ['delivered', 'delivered'],
    );
  });

  it('delivers after a restart what was accepted but not yet sent', async () => {
    await h.dispatcher.stop(1000);
    await h.accept(h.post('m1', 'queued before the crash'));
    assert.equal(h.transport.calls.length, 0);
    await h.restart();
    await h.drain();
    assert.deepEqual(
      h.transport.shown.map((m) => m.text),
      ['A-ann: queued before the crash'],
    );
  });

  it('refuses an edit of a deleted message and of an unknown one, with chat.status failed', async () => {
    await h.accept(h.post('m1', 'one'), h.delete('m1'), h.edit('m1', 'too late'), h.edit('never', 'x'));
    await h.drain();
    assert.deepEqual(
      h.transport.calls.map((c) => c.op),
      ['send', 'delete'],
    );
    assert.equal(h.transport.shown[0]?.deleted, true);
    assert.deepEqual(
      (await h.statuses()).map((s) => [s.messageId, s.status, s.code ?? null]),
      [
        ['never', 'failed', 'unknown_message'],
        ['m1', 'delivered', null],
        ['m1', 'delivered', null],
        ['m1', 'failed', 'message_deleted'],
      ],
    );
  });

  it('treats a post of a deleted id as an undelete: re-sent, and the map follows the new message', async () => {
    await h.accept(h.post('m1', 'one'), h.delete('m1'), h.post('m1', 'one again'));
    await h.drain();
    assert.deepEqual(
      h.transport.calls.map((c) => c.op),
      ['send', 'delete', 'send'],
    );
    const mapped = await h.chat.mappingByCc(ccMessageId('m1'));
    assert.equal(mapped?.teamsActivityId, h.transport.shown[1]?.activityId);
    assert.equal(mapped?.deletedAt, null);
  });

  it('lets only the author edit a message; another agent gets not_your_message', async () => {
    await h.accept(h.post('m1', 'mine'));
    await h.accept(h.edit('m1', 'yours', BOB));
    await h.drain();
    const statuses = await h.statuses(BOB);
    assert.deepEqual(
      statuses.map((s) => [s.status, s.code]),
      [['failed', 'not_your_message']],
    );
  });

  it('reports an outcome a crash left unreported', async () => {
    await h.dispatcher.stop(1000);
    await h.accept(h.post('m1', 'x'));
    const [entry] = await h.chat.outboxOf(KEY);
    await h.chat.complete(entry?.id ?? '', { outcome: { status: 'failed', code: 'boom', message: 'm' } });
    assert.deepEqual(await h.statuses(), []);
    await h.restart();
    assert.deepEqual(
      (await h.statuses()).map((s) => s.code),
      ['boom'],
    );
    assert.deepEqual(await h.chat.unreported(10), []);
  });

  it('keeps retrying a message Teams keeps refusing for now, then fails it with delivery_timeout', async () => {
    const patient = new ChatHarness({ giveUpAfterMs: 30_000, maxDelayMs: 5_000 });
    try {
      patient.transport.inject({ kind: 'retry', error: 'HTTP 502' }, 1000);
      await patient.accept(patient.post('m1', 'x'));
      await patient.drain(120_000);
      const sends = patient.transport.calls.length;
      assert.ok(sends > 3, `${sends} attempts`);
      assert.deepEqual(
        (await patient.statuses()).map((s) => [s.status, s.code]),
        [['failed', 'delivery_timeout']],
      );
    } finally {
      await patient.close();
    }
  });

  it('keeps a message when the transport breaks its promise and throws, and sends it next time', async () => {
    const send = h.transport.send.bind(h.transport);
    let throws = 1;
    h.transport.send = async (...args) => {
      if (throws-- > 0) throw new Error('socket hang up');
      return send(...args);
    };
    await h.accept(h.post('m1', 'x'));
    await h.drain();
    assert.deepEqual(
      h.transport.shown.map((m) => m.text),
      ['A-ann: x'],
    );
    assert.deepEqual(
      (await h.statuses()).map((s) => s.status),
      ['delivered'],
    );
  });

  it('queues an event once when a crash left it queued but still pending in the inbox', async () => {
    await h.dispatcher.stop(1000);
    const event = h.post('m1', 'once');
    await h.store.acceptEvents([event], AT);
    if (event.type !== 'chat.message') assert.fail();
    await h.chat.enqueue([{ id: event.id, message: fromCcEvent(event, KEY) }], AT);
    assert.equal(await processChatInbox({ store: h.store, chat: h.chat, clock: h.clock }, ANN), 1);
    assert.equal((await h.chat.outboxOf(KEY)).length, 1);
    assert.deepEqual(await h.store.pendingEvents(ANN), []);
  });
});
