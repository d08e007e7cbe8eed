// The chat relay rules, table-driven: each row names the situation, what the id map holds, and the outcome.
import assert from 'node:assert/strict';
import { planCcDelivery, type CcDeliveryPlan } from '../../src/chat/cc-delivery-rules';
import type { MessageMapping } from '../../src/chat/message-mapping';
import {
  AGENT_STARTS_TEXT,
  planTeamsRelay,
  type TeamsInbound,
  type TeamsRelayContext,
  type TeamsRelayPlan,
} from '../../src/chat/teams-relay-rules';
import { agentId, teamsActivityId } from '../../src/domain/ids';
import { ANN, AT, BOB, KEY, agentMessage, fromUser, mapping } from './samples';

const DELETED = '2025-01-06T08:00:00.000Z';

describe('chat relay rules: contact center → Teams', () => {
  const rows: [string, ReturnType<typeof agentMessage>, MessageMapping | null, Partial<CcDeliveryPlan>][] = [
    ['a new post is sent', agentMessage('post', 'm1'), null, { action: 'send', why: 'new' }],
    ['a repeated post is already done', agentMessage('post', 'm1'), mapping('m1', 't1'), { action: 'done' }],
    [
      'a post of a deleted id is an undelete: re-sent',
      agentMessage('post', 'm1'),
      mapping('m1', 't1', { deletedAt: DELETED }),
      { action: 'send', why: 'undelete' },
    ],
    [
      'an edit updates the mapped activity',
      agentMessage('edit', 'm1'),
      mapping('m1', 't1'),
      { action: 'update', activityId: teamsActivityId('t1') },
    ],
    [
      'an edit of an unknown message fails',
      agentMessage('edit', 'mX'),
      null,
      { action: 'fail', code: 'unknown_message' },
    ],
    [
      'an edit of a deleted message fails',
      agentMessage('edit', 'm1'),
      mapping('m1', 't1', { deletedAt: DELETED }),
      { action: 'fail', code: 'message_deleted' },
    ],
    [
      'a delete deletes the mapped activity',
      agentMessage('delete', 'm1'),
      mapping('m1', 't1'),
      { action: 'delete', activityId: teamsActivityId('t1') },
    ],
    [
      'a delete of an unknown message fails',
      agentMessage('delete', 'mX'),
      null,
      { action: 'fail', code: 'unknown_message' },
    ],
    [
      'a second delete is already done',
      agentMessage('delete', 'm1'),
      mapping('m1', 't1', { deletedAt: DELETED }),
      { action: 'done' },
    ],
    [
      'another agent cannot edit it',
      agentMessage('edit', 'm1', BOB),
      mapping('m1', 't1'),
      { action: 'fail', code: 'not_your_message' },
    ],
    [
      'an agent cannot delete a Teams user’s message',
      agentMessage('delete', 'm1'),
      mapping('m1', 't1', { origin: 'teams' }),
      { action: 'fail', code: 'not_your_message' },
    ],
  ];
  for (const [name, message, entry, expected] of rows) {
    it(name, () => {
      const plan = planCcDelivery(message, entry);
      assert.deepEqual(pick(plan, Object.keys(expected)), expected);
    });
  }
});

describe('chat relay rules: Teams → contact center', () => {
  const ctx = (over: Partial<TeamsRelayContext> = {}): TeamsRelayContext => ({
    subject: null,
    quoted: null,
    lastAgent: null,
    firstContactAgent: null,
    ...over,
  });
  const fromBot = { sender: { kind: 'bot' } } as const;
  const rows: [string, TeamsInbound, TeamsRelayContext, Record<string, unknown>][] = [
    [
      'a user writing first gets the explanation, nothing is relayed',
      fromUser('post', 'p1'),
      ctx(),
      { action: 'explain', text: AGENT_STARTS_TEXT },
    ],
    [
      'with a first-contact agent set, a first message reaches that agent',
      fromUser('post', 'p1'),
      ctx({ firstContactAgent: BOB }),
      { action: 'relay', agentId: BOB, route: 'first-contact' },
    ],
    [
      'a reply goes to the agent who wrote last',
      fromUser('post', 'p1'),
      ctx({ lastAgent: BOB }),
      { action: 'relay', agentId: BOB, route: 'last-agent' },
    ],
    [
      'a reply quoting an agent’s message goes to that agent',
      fromUser('post', 'p1', { replyToActivityId: teamsActivityId('t1') }),
      ctx({ lastAgent: BOB, quoted: mapping('m1', 't1') }),
      { action: 'relay', agentId: ANN, route: 'quoted' },
    ],
    [
      'the bot’s own activity is never relayed (echo)',
      fromUser('post', 'p1', fromBot),
      ctx({ lastAgent: ANN }),
      { action: 'ignore' },
    ],
    [
      'a post that is our own delivered message is an echo',
      fromUser('post', 't1'),
      ctx({ lastAgent: ANN, subject: mapping('m1', 't1') }),
      { action: 'ignore', reason: 'echo: our own message' },
    ],
    [
      'a repeated Teams post is a duplicate',
      fromUser('post', 'p1'),
      ctx({ lastAgent: ANN, subject: mapping('p1@k', 'p1', { origin: 'teams' }) }),
      { action: 'ignore', reason: 'duplicate' },
    ],
    [
      'an edit goes to the agent the message went to',
      fromUser('edit', 'p1'),
      ctx({ lastAgent: BOB, subject: mapping('p1@k', 'p1', { origin: 'teams' }) }),
      { action: 'relay', agentId: ANN },
    ],
    [
      'an edit of an unrelayed message is ignored',
      fromUser('edit', 'p1'),
      ctx({ lastAgent: ANN }),
      { action: 'ignore' },
    ],
    [
      'an edit of a deleted message is ignored',
      fromUser('edit', 'p1'),
      ctx({ subject: mapping('p1@k', 'p1', { origin: 'teams', deletedAt: DELETED }) }),
      { action: 'ignore', reason: 'deleted_message' },
    ],
    [
      'a change to the bot’s message is an echo',
      fromUser('delete', 't1'),
      ctx({ subject: mapping('m1', 't1') }),
      { action: 'ignore' },
    ],
    [
      'a second delete is ignored',
      fromUser('delete', 'p1'),
      ctx({ subject: mapping('p1@k', 'p1', { origin: 'teams', deletedAt: DELETED }) }),
      { action: 'ignore', reason: 'already deleted' },
    ],
    [
      'an undelete of a live message is ignored',
      fromUser('undelete', 'p1'),
      ctx({ subject: mapping('p1@k', 'p1', { origin: 'teams' }) }),
      { action: 'ignore', reason: 'not deleted' },
    ],
    [
      'a read receipt of an agent message goes to its agent',
      fromUser('read', 't1'),
      ctx({ subject: mapping('m1', 't1', { agentId: BOB }) }),
      { action: 'relay', agentId: BOB },
    ],
    [
      'a read receipt of the user’s own message is ignored',
      fromUser('read', 'p1'),
      ctx({ subject: mapping('p1@k', 'p1', { origin: 'teams' }) }),
      { action: 'ignore' },
    ],
  ];
  for (const [name, inbound, context, expected] of rows) {
    it(name, () => {
      const plan = planTeamsRelay(inbound, context);
      assert.deepEqual(pick(plan, Object.keys(expected)), expected);
    });
  }

  it('a first post is relayed with a new map entry under an id unique across chats', () => {
    const plan = relayed(planTeamsRelay(fromUser('post', 'p1'), ctx({ lastAgent: ANN })));
    assert.equal(plan.message.messageId, `p1@${KEY}`);
    assert.deepEqual(plan.message.sender, { kind: 'teams', teamsUserId: 'u-1111', displayName: 'Uma User' });
    assert.deepEqual(plan.mapping, mapping(`p1@${KEY}`, 'p1', { origin: 'teams' }));
    assert.equal(plan.message.text, 'user says p1');
  });

  it('a delete tombstones the map entry; an undelete re-posts the same id and clears it', () => {
    const live = mapping('p1@k', 'p1', { origin: 'teams' });
    const deleted = relayed(planTeamsRelay(fromUser('delete', 'p1'), ctx({ subject: live })));
    assert.equal(deleted.message.kind, 'delete');
    assert.equal(deleted.mapping?.deletedAt, AT);
    const undeleted = relayed(
      planTeamsRelay(fromUser('undelete', 'p1'), ctx({ subject: deleted.mapping ?? null })),
    );
    assert.equal(undeleted.message.kind, 'post');
    assert.equal(undeleted.message.messageId, 'p1@k');
    assert.equal(undeleted.mapping?.deletedAt, null);
  });

  it('a reaction on either side’s message targets that message, added or removed', () => {
    for (const [entry, added] of [
      [mapping('m1', 't1'), true],
      [mapping('p1@k', 'p1', { origin: 'teams' }), false],
    ] as const) {
      const inbound = fromUser('reaction', entry.teamsActivityId, { reaction: { type: 'heart', added } });
      const plan = relayed(planTeamsRelay(inbound, ctx({ subject: entry })));
      assert.deepEqual(plan.message.reaction, { type: 'heart', added, targetMessageId: entry.ccMessageId });
      assert.equal(plan.agentId, agentId('A-ann'));
    }
  });
});

function relayed(plan: TeamsRelayPlan): Extract<TeamsRelayPlan, { action: 'relay' }> {
  assert.equal(plan.action, 'relay', JSON.stringify(plan));
  return plan as Extract<TeamsRelayPlan, { action: 'relay' }>;
}

function pick(value: object, keys: string[]): Record<string, unknown> {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(keys.filter((k) => k in record).map((k) => [k, record[k]]));
}
