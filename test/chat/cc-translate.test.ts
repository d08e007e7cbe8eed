// Translators at the contact-center edge: chat.* events in, the outbound bodies of docs/INTEGRATION.md out.
import assert from 'node:assert/strict';
import { fromCcEvent, toChatStatus, toOutboundChat } from '../../src/chat/cc-translate';
import { ccEventId, ccMessageId } from '../../src/domain/ids';
import { ANN, AT, KEY, USER } from './samples';

const base = { id: ccEventId('e1'), occurredAt: AT, agentId: ANN };
const teamsSender = { kind: 'teams', teamsUserId: USER, displayName: 'Uma' } as const;

describe('chat translators (contact center edge)', () => {
  it('turns chat.message, chat.edit and chat.delete into canonical post, edit and delete', () => {
    const post = fromCcEvent(
      {
        ...base,
        type: 'chat.message',
        messageId: 'm1',
        to: { teamsUserId: USER },
        text: 'hi',
        conversationId: 'c9',
      },
      KEY,
    );
    assert.deepEqual(post, {
      origin: 'cc',
      conversationKey: KEY,
      messageId: 'm1',
      kind: 'post',
      text: 'hi',
      sender: { kind: 'agent', agentId: ANN },
      at: AT,
      ccConversationId: 'c9',
    });
    assert.equal(fromCcEvent({ ...base, type: 'chat.edit', messageId: 'm1', text: 'hey' }, KEY).kind, 'edit');
    const del = fromCcEvent({ ...base, type: 'chat.delete', messageId: 'm1' }, KEY);
    assert.equal(del.kind, 'delete');
    assert.equal('text' in del, false);
  });

  it('builds outbound chat.message/edit/delete/reaction/read bodies with stable ids', () => {
    const message = {
      origin: 'teams',
      conversationKey: KEY,
      messageId: ccMessageId('p1@u'),
      sender: teamsSender,
      at: AT,
    } as const;
    const post = toOutboundChat({ ...message, kind: 'post', text: 'hello' }, ANN);
    assert.deepEqual(post.body, {
      id: post.id,
      type: 'chat.message',
      occurredAt: AT,
      agentId: ANN,
      conversationId: KEY,
      messageId: 'p1@u',
      from: { teamsUserId: USER, displayName: 'Uma' },
      text: 'hello',
    });
    assert.equal(toOutboundChat({ ...message, kind: 'post', text: 'hello' }, ANN).id, post.id);
    assert.equal(toOutboundChat({ ...message, kind: 'edit', text: 'x' }, ANN).body.editedAt, AT);
    assert.equal(toOutboundChat({ ...message, kind: 'delete' }, ANN).body.deletedAt, AT);
    const reaction = { type: 'like', added: false, targetMessageId: ccMessageId('m1') };
    const r = toOutboundChat({ ...message, kind: 'reaction', reaction }, ANN);
    assert.deepEqual(
      [r.type, r.body.reaction, r.body.added, r.body.targetMessageId],
      ['chat.reaction', 'like', false, 'm1'],
    );
    const added = toOutboundChat(
      { ...message, kind: 'reaction', reaction: { ...reaction, added: true } },
      ANN,
    );
    assert.notEqual(added.id, r.id);
    const read = toOutboundChat({ ...message, kind: 'read', messageId: ccMessageId('m1') }, ANN);
    assert.deepEqual(
      [read.type, read.body.lastReadMessageId, 'messageId' in read.body],
      ['chat.read', 'm1', false],
    );
  });

  it('builds chat.status delivered and failed with code and message', () => {
    assert.deepEqual(toChatStatus('e1', ANN, 'm1', { status: 'delivered' }, AT).body, {
      id: 'chat.status:e1',
      type: 'chat.status',
      occurredAt: AT,
      agentId: ANN,
      messageId: 'm1',
      status: 'delivered',
    });
    const failed = toChatStatus(
      'e2',
      ANN,
      'm1',
      { status: 'failed', code: 'app_not_installed', message: 'no app' },
      AT,
    );
    assert.deepEqual(
      [failed.body.status, failed.body.code, failed.body.message],
      ['failed', 'app_not_installed', 'no app'],
    );
  });
});
