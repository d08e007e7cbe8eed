// Teams → agent: canonical inbound Teams messages through the relay rules to outbound chat.* events, on a
// real SQLite store after real agent deliveries (issue 8).
import assert from 'node:assert/strict';
import { relayTeamsMessage } from '../../src/chat/teams-inbound';
import type { TeamsInbound } from '../../src/chat/teams-relay-rules';
import { teamsActivityId, type AgentId } from '../../src/domain/ids';
import { ChatHarness } from './chat-harness';
import { ANN, BOB, KEY, fromUser } from './samples';

describe('chat relay: Teams → contact center', () => {
  let h: ChatHarness;
  beforeEach(() => {
    h = new ChatHarness();
  });
  afterEach(async () => h.close());

  const relay = (inbound: TeamsInbound, firstContactAgent: AgentId | null = null) =>
    relayTeamsMessage({ store: h.store, chat: h.chat, firstContactAgent }, inbound);
  const chatEvents = async (agent: AgentId) =>
    (await h.store.outboundFor(agent)).filter((o) => o.type !== 'chat.status').map((o) => o.body);
  const activityOf = (index: number) => h.transport.shown[index]?.activityId ?? teamsActivityId('none');

  it('explains to a Teams user who writes first and relays nothing (the agent starts)', async () => {
    const plan = await relay(fromUser('post', 'p1'));
    assert.equal(plan.action, 'explain');
    assert.deepEqual(await chatEvents(ANN), []);
    assert.equal(await h.chat.mappingByTeams(KEY, teamsActivityId('p1')), null);
  });

  it('with a first-contact agent configured, relays a first message to that agent', async () => {
    const plan = await relay(fromUser('post', 'p1'), BOB);
    assert.equal(plan.action, 'relay');
    assert.deepEqual(
      (await chatEvents(BOB)).map((e) => [e.type, e.text]),
      [['chat.message', 'user says p1']],
    );
  });

  it('relays a reply to the agent who wrote last, or to the one whose message was quoted', async () => {
    await h.accept(h.post('m-ann', 'Ann here'));
    await h.accept(h.post('m-bob', 'Bob here', BOB));
    await h.drain();
    await relay(fromUser('post', 'p1'));
    await relay(fromUser('post', 'p2', { replyToActivityId: activityOf(0) }));
    const toBob = await chatEvents(BOB);
    assert.deepEqual(
      toBob.map((e) => [e.type, e.messageId, e.conversationId, e.from]),
      [['chat.message', `p1@${KEY}`, KEY, { teamsUserId: KEY, displayName: 'Uma User' }]],
    );
    assert.deepEqual(
      (await chatEvents(ANN)).map((e) => e.text),
      ['user says p2'],
    );
  });

  it('relays edits, deletes, an undelete (a re-post of the same id) and reactions both sides, with their times', async () => {
    await h.accept(h.post('m1', 'hello'));
    await relay(fromUser('post', 'p1'));
    await relay(fromUser('edit', 'p1', { text: 'edited', at: '2025-01-06T09:01:00.000Z' }));
    await relay(fromUser('delete', 'p1', { at: '2025-01-06T09:02:00.000Z' }));
    await relay(fromUser('edit', 'p1', { text: 'after delete' }));
    await relay(fromUser('undelete', 'p1', { text: 'edited', at: '2025-01-06T09:03:00.000Z' }));
    await relay(fromUser('reaction', String(activityOf(0)), { reaction: { type: 'like', added: true } }));
    await relay(fromUser('reaction', 'p1', { reaction: { type: 'heart', added: false } }));
    const events = await chatEvents(ANN);
    assert.deepEqual(
      events.map((e) => [e.type, e.messageId, e.text ?? e.editedAt ?? e.deletedAt ?? e.reaction]),
      [
        ['chat.message', `p1@${KEY}`, 'user says p1'],
        ['chat.edit', `p1@${KEY}`, 'edited'],
        ['chat.delete', `p1@${KEY}`, '2025-01-06T09:02:00.000Z'],
        ['chat.message', `p1@${KEY}`, 'edited'],
        ['chat.reaction', 'm1', 'like'],
        ['chat.reaction', `p1@${KEY}`, 'heart'],
      ],
    );
    assert.equal(events[1]?.editedAt, '2025-01-06T09:01:00.000Z');
    assert.deepEqual([events[4]?.targetMessageId, events[4]?.added, events[5]?.added], ['m1', true, false]);
  });

  it('relays a read receipt of the agent’s message as chat.read', async () => {
    await h.accept(h.post('m1', 'hello'));
    await relay(fromUser('read', String(activityOf(0))));
    assert.deepEqual(
      (await chatEvents(ANN)).map((e) => [e.type, e.lastReadMessageId, e.conversationId]),
      [['chat.read', 'm1', KEY]],
    );
  });

  it('never relays the bot’s own messages, nor a repeated Teams activity twice', async () => {
    await h.accept(h.post('m1', 'hello'));
    const own = await relay(fromUser('post', String(activityOf(0)), { sender: { kind: 'bot' } }));
    const echoed = await relay(fromUser('post', String(activityOf(0))));
    assert.deepEqual([own.action, echoed.action], ['ignore', 'ignore']);
    await relay(fromUser('post', 'p1'));
    await relay(fromUser('post', 'p1'));
    assert.deepEqual(
      (await chatEvents(ANN)).map((e) => e.messageId),
      [`p1@${KEY}`],
    );
  });
});
