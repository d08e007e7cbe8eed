// The ChatStore contract (src/ports/chat-store.port.ts): run against every adapter, SQLite and PostgreSQL,
// from test/chat/chat-store-*.test.ts with a function that opens a fresh, empty store.
import assert from 'node:assert/strict';
import type { ChatMessage } from '../../../src/chat/chat-message';
import { CodedError } from '../../../src/domain/errors';
import { conversationKey, teamsActivityId, teamsUserId } from '../../../src/domain/ids';
import type { ChatStore, ConversationReference } from '../../../src/ports/chat-store.port';
import { ANN, BOB, KEY, USER, agentMessage, mapping } from '../../chat/samples';

export interface OpenedChatStore {
  readonly chat: ChatStore;
  /** Closes and opens the same data again (a restart). */
  readonly reopen: () => Promise<ChatStore>;
  readonly cleanup: () => Promise<void>;
}

const OTHER = conversationKey('u-2222');
const QUEUED = '2025-01-06T09:00:01.000Z';
const ref = (user: string, upn?: string): ConversationReference => ({
  teamsUserId: teamsUserId(user),
  ...(upn ? { upn } : {}),
  tenantId: 'tenant-1',
  serviceUrl: 'https://smba.example.test/teams/',
  conversationId: `a:conv-${user}`,
  updatedAt: '2025-01-06T09:00:00.000Z',
});
const item = (id: string, message: ChatMessage = agentMessage('post', `m-${id}`)) => ({ id, message });
const inOther = (kind: ChatMessage['kind'], id: string): ChatMessage => ({
  ...agentMessage(kind, id),
  conversationKey: OTHER,
});
const rejectsWith = (code: string) => (e: unknown) => e instanceof CodedError && e.code === code;

export function chatStoreContract(name: string, open: () => Promise<OpenedChatStore>): void {
  describe(`ChatStore contract: ${name}`, () => {
    let opened: OpenedChatStore;
    let chat: ChatStore;
    beforeEach(async () => {
      opened = await open();
      chat = opened.chat;
    });
    afterEach(async () => opened.cleanup());

    it('keeps one conversation reference per Teams user, found by id or case-insensitive UPN', async () => {
      await chat.putConversation(ref('u-1111', 'Uma@X.test'));
      await chat.putConversation({ ...ref('u-1111', 'uma@x.test'), conversationId: 'a:new' });
      assert.equal((await chat.conversationByUser(USER))?.conversationId, 'a:new');
      assert.equal((await chat.conversationByUpn('UMA@x.TEST'))?.teamsUserId, USER);
      assert.equal(await chat.conversationByUser(teamsUserId('nobody')), null);
      assert.equal(await chat.conversationByUpn('nobody@x.test'), null);
    });

    it('maps ids both ways, unique on both sides, and replaces an entry by contact-center id', async () => {
      await chat.saveMapping(mapping('m1', 't1'));
      assert.deepEqual(await chat.mappingByCc(mapping('m1', 't1').ccMessageId), mapping('m1', 't1'));
      assert.deepEqual(await chat.mappingByTeams(KEY, teamsActivityId('t1')), mapping('m1', 't1'));
      await assert.rejects(chat.saveMapping(mapping('m2', 't1')), rejectsWith('id_map_conflict'));
      assert.equal(await chat.mappingByCc(mapping('m2', 't1').ccMessageId), null);
      // Teams ids are unique per chat only: the same activity id in another chat is another message.
      await chat.saveMapping({ ...mapping('m3', 't1'), conversationKey: OTHER });
      await chat.saveMapping(mapping('m1', 't1', { deletedAt: '2025-01-06T10:00:00.000Z' }));
      assert.equal(
        (await chat.mappingByTeams(KEY, teamsActivityId('t1')))?.deletedAt,
        '2025-01-06T10:00:00.000Z',
      );
      // An undelete re-post moves the entry to its new activity and frees the old one.
      await chat.saveMapping(mapping('m1', 't9'));
      assert.equal(await chat.mappingByTeams(KEY, teamsActivityId('t1')), null);
      assert.equal((await chat.mappingByTeams(KEY, teamsActivityId('t9')))?.ccMessageId, 'm1');
    });

    it('queues items once per id, pending, in order per conversation', async () => {
      assert.equal(
        await chat.enqueue([item('e1'), item('e2'), item('e3', inOther('post', 'x1'))], QUEUED),
        3,
      );
      assert.equal(await chat.enqueue([item('e1'), item('e4')], QUEUED), 1);
      const entries = await chat.outboxOf(KEY);
      assert.deepEqual(
        entries.map((e) => [e.id, e.state, e.attempts, e.outcome, e.reported]),
        [
          ['e1', 'pending', 0, null, false],
          ['e2', 'pending', 0, null, false],
          ['e4', 'pending', 0, null, false],
        ],
      );
      assert.deepEqual(entries[0]?.message, agentMessage('post', 'm-e1'));
      assert.equal(entries[0]?.createdAt, QUEUED);
    });

    it('offers only each conversation’s oldest pending item, claimed for a lease', async () => {
      await chat.enqueue([item('e1'), item('x1', inOther('post', 'x1')), item('e2')], QUEUED);
      const claimed = await chat.claimDue(1000, 500, 10);
      assert.deepEqual(
        claimed.map((e) => e.id),
        ['e1', 'x1'],
      );
      assert.deepEqual(await chat.claimDue(1200, 500, 10), [], 'claimed heads are not offered again');
      assert.equal(await chat.nextDueAt(), 1500);
      assert.deepEqual(
        (await chat.claimDue(1500, 500, 1)).map((e) => e.id),
        ['e1'],
        'an expired lease frees it',
      );
      await chat.complete('e1', { outcome: { status: 'delivered' }, mapping: mapping('m-e1', 't1') });
      // e2 follows its settled predecessor; x1's lease (until 1500) has run out.
      assert.deepEqual(
        (await chat.claimDue(1500, 500, 10)).map((e) => e.id),
        ['x1', 'e2'],
      );
    });

    it('never hands the same item to two concurrent claims', async () => {
      const many = Array.from({ length: 20 }, (_, i) =>
        item(`c${i}`, { ...inOther('post', `c${i}`), conversationKey: conversationKey(`u-${i}`) }),
      );
      await chat.enqueue(many, QUEUED);
      const claims = await Promise.all([1, 2, 3, 4].map(() => chat.claimDue(1000, 60_000, 20)));
      const ids = claims.flat().map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(ids.length, 20);
    });

    it('a retry releases the claim and waits; the rate-limit time holds the whole conversation', async () => {
      await chat.enqueue([item('e1'), item('e2')], QUEUED);
      await chat.claimDue(0, 60_000, 10);
      await chat.retryLater('e1', 5000, 'HTTP 429');
      assert.equal(await chat.nextDueAt(), 5000);
      assert.deepEqual(await chat.claimDue(4999, 60_000, 10), []);
      const [again] = await chat.claimDue(5000, 60_000, 10);
      assert.deepEqual([again?.id, again?.attempts, again?.lastError], ['e1', 1, 'HTTP 429']);
      await chat.complete('e1', { outcome: { status: 'delivered' }, nextSendAtMs: 8000, lastAgent: ANN });
      assert.equal(await chat.nextDueAt(), 8000);
      assert.deepEqual(await chat.claimDue(7999, 60_000, 10), []);
      assert.deepEqual(
        (await chat.claimDue(8000, 60_000, 10)).map((e) => e.id),
        ['e2'],
      );
      assert.equal(await chat.lastAgent(KEY), ANN);
    });

    it('completes atomically: outcome, map entry, reference, last agent; a second completion changes nothing', async () => {
      await chat.enqueue([item('e1')], QUEUED);
      await chat.complete('e1', {
        outcome: { status: 'delivered' },
        mapping: mapping('m-e1', 't1'),
        lastAgent: BOB,
        reference: ref('u-1111'),
      });
      await chat.complete('e1', {
        outcome: { status: 'failed', code: 'x', message: 'y' },
        mapping: mapping('m-e1', 't2'),
      });
      const [entry] = await chat.outboxOf(KEY);
      assert.deepEqual([entry?.state, entry?.outcome, entry?.attempts], ['done', { status: 'delivered' }, 1]);
      assert.equal((await chat.mappingByCc(mapping('m-e1', 't1').ccMessageId))?.teamsActivityId, 't1');
      assert.equal(await chat.lastAgent(KEY), BOB);
      assert.equal((await chat.conversationByUser(USER))?.conversationId, 'a:conv-u-1111');
    });

    it('a completion whose map entry conflicts applies nothing', async () => {
      await chat.saveMapping(mapping('other', 't1'));
      await chat.enqueue([item('e1')], QUEUED);
      await assert.rejects(
        chat.complete('e1', {
          outcome: { status: 'delivered' },
          mapping: mapping('m-e1', 't1'),
          lastAgent: ANN,
        }),
        rejectsWith('id_map_conflict'),
      );
      assert.equal((await chat.outboxOf(KEY))[0]?.state, 'pending');
      assert.equal(await chat.lastAgent(KEY), null);
    });

    it('lists done items until their status is reported; unknown ids throw', async () => {
      await chat.enqueue([item('e1'), item('e2')], QUEUED);
      await chat.complete('e1', {
        outcome: { status: 'failed', code: 'app_not_installed', message: 'no app' },
      });
      const [done] = await chat.unreported(10);
      assert.deepEqual(
        [done?.id, done?.outcome],
        ['e1', { status: 'failed', code: 'app_not_installed', message: 'no app' }],
      );
      await chat.markReported('e1');
      assert.deepEqual(await chat.unreported(10), []);
      await assert.rejects(chat.markReported('nope'), rejectsWith('unknown_chat_outbox'));
      await assert.rejects(chat.retryLater('nope', 1, 'x'), rejectsWith('unknown_chat_outbox'));
      await assert.rejects(
        chat.complete('nope', { outcome: { status: 'delivered' } }),
        rejectsWith('unknown_chat_outbox'),
      );
    });

    it('finds the conversation of a contact-center message from the map or a queued post', async () => {
      await chat.saveMapping(mapping('m1', 't1'));
      await chat.enqueue([item('x1', inOther('post', 'queued'))], QUEUED);
      assert.equal(await chat.conversationOfCcMessage(mapping('m1', 't1').ccMessageId), KEY);
      assert.equal(await chat.conversationOfCcMessage(inOther('post', 'queued').messageId), OTHER);
      assert.equal(await chat.conversationOfCcMessage(inOther('post', 'nothing').messageId), null);
    });

    it('keeps everything across a restart: references, map, queue, claims, last agent', async () => {
      await chat.putConversation(ref('u-1111'));
      await chat.saveMapping(mapping('m1', 't1'));
      await chat.setLastAgent(KEY, ANN);
      await chat.enqueue([item('e1'), item('e2')], QUEUED);
      await chat.claimDue(0, 10_000, 10);
      const again = await opened.reopen();
      assert.ok(await again.conversationByUser(USER));
      assert.deepEqual(await again.mappingByTeams(KEY, teamsActivityId('t1')), mapping('m1', 't1'));
      assert.equal(await again.lastAgent(KEY), ANN);
      assert.deepEqual(await again.claimDue(5000, 10_000, 10), [], 'the lease survives');
      assert.deepEqual(
        (await again.claimDue(10_000, 10_000, 10)).map((e) => e.id),
        ['e1'],
      );
    });
  });
}
