// The teams-ai Application's routing, through botbuilder's TestAdapter: each Teams activity (post, edit,
// soft delete, undelete, reactions added and removed, read receipt) reaches the relay as the right
// TeamsInbound; commands are answered with cards and relay nothing; references are kept from installation
// and conversation updates; the relay's explanation is said to the user.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { createSwitchboardBot } from '../../bot/teams/switchboard-bot';
import { READ_RECEIPT_EVENT } from '../../bot/teams/activity-inbound';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import type { TeamsInbound, TeamsRelayPlan } from '../../src/chat/teams-relay-rules';
import { teamsUserId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { FakeClock } from '../support/fake-clock';

const AAD = 'AAAA1111-2222-3333-4444-555555555555';
const USER = AAD.toLowerCase();
const WHEN = '2026-12-01T10:00:00.000Z';

function teamsActivity(extra: Partial<Activity>): Partial<Activity> {
  return {
    channelId: 'msteams',
    serviceUrl: 'https://smba.example.test/teams/',
    from: { id: '29:user', name: 'Pat Teams', aadObjectId: AAD },
    recipient: { id: '28:bot', name: 'Switchboard' },
    conversation: {
      id: 'a:chat-1',
      conversationType: 'personal',
      tenantId: 'tenant-1',
    } as Activity['conversation'],
    channelData: { tenant: { id: 'tenant-1' } },
    timestamp: new Date(WHEN),
    ...extra,
  };
}

describe('the Teams bot routing (teams-ai Application on TestAdapter)', () => {
  let dir: string;
  let store: SqliteStore;
  let relayed: TeamsInbound[];
  let plan: TeamsRelayPlan;
  let adapter: TestAdapter;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bot-routing-'));
    store = openSqliteStore(dir);
    relayed = [];
    plan = { action: 'ignore', reason: 'test' };
    const app = createSwitchboardBot({
      sync: { store } as unknown as SyncDeps,
      chat: store.chat(),
      relay: (inbound) => (relayed.push(inbound), Promise.resolve(plan)),
      clock: new FakeClock(),
      logger: silentLogger,
    });
    adapter = new TestAdapter(async (context) => void (await app.run(context)));
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: Array<[string, Partial<Activity>, Partial<TeamsInbound>[]]> = [
    [
      'post',
      { type: 'message', id: 'p1', text: 'hello there' },
      [{ kind: 'post', activityId: 'p1' as never, text: 'hello there' }],
    ],
    [
      'post quoting a message',
      {
        type: 'message',
        id: 'p2',
        text: 'yes',
        attachments: [
          {
            contentType: 'text/html',
            content:
              '<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="1733">x</blockquote>',
          },
        ],
      },
      [{ kind: 'post', activityId: 'p2' as never, replyToActivityId: '1733' as never }],
    ],
    [
      'edit',
      { type: 'messageUpdate', id: 'p1', text: 'hello again', channelData: { eventType: 'editMessage' } },
      [{ kind: 'edit', activityId: 'p1' as never, text: 'hello again' }],
    ],
    [
      'soft delete',
      { type: 'messageDelete', id: 'p1', channelData: { eventType: 'softDeleteMessage' } },
      [{ kind: 'delete', activityId: 'p1' as never }],
    ],
    [
      'undelete',
      { type: 'messageUpdate', id: 'p1', text: 'hello again', channelData: { eventType: 'undeleteMessage' } },
      [{ kind: 'undelete', activityId: 'p1' as never, text: 'hello again' }],
    ],
    [
      'reactions added and removed',
      {
        type: 'messageReaction',
        replyToId: '1733',
        reactionsAdded: [{ type: 'like' }],
        reactionsRemoved: [{ type: 'heart' }],
      },
      [
        { kind: 'reaction', activityId: '1733' as never, reaction: { type: 'like', added: true } },
        { kind: 'reaction', activityId: '1733' as never, reaction: { type: 'heart', added: false } },
      ],
    ],
    [
      'read receipt (the spelling Teams sends)',
      { type: 'event', name: READ_RECEIPT_EVENT, value: { lastReadMessageId: '1733' } },
      [{ kind: 'read', activityId: '1733' as never }],
    ],
    [
      'read receipt, teams-ai’s misspelling',
      { type: 'event', name: 'application/vnd.microsoft/readReceipt', value: { lastReadMessageId: '1' } },
      [],
    ],
    [
      'an edit of another event type',
      { type: 'messageUpdate', id: 'p1', channelData: { eventType: 'other' } },
      [],
    ],
    ['help', { type: 'message', id: 'c1', text: 'help' }, []],
    ['/link', { type: 'message', id: 'c2', text: '/link' }, []],
    ['status', { type: 'message', id: 'c3', text: 'Status' }, []],
  ];

  for (const [name, activity, expected] of cases) {
    it(`${name} → ${expected.map((e) => e.kind).join(', ') || 'nothing relayed'}`, async () => {
      await adapter.processActivity(teamsActivity(activity));
      assert.equal(relayed.length, expected.length);
      expected.forEach((want, i) => {
        const got = relayed[i]!;
        assert.deepEqual(got.sender, { kind: 'user', teamsUserId: USER, displayName: 'Pat Teams' });
        assert.equal(got.conversationKey, USER);
        assert.equal(got.at, WHEN);
        for (const [k, v] of Object.entries(want)) assert.deepEqual(got[k as keyof TeamsInbound], v, k);
      });
    });
  }

  it('answers help, link and status (unlinked) with Adaptive Cards', async () => {
    for (const text of ['help', 'link', 'status'])
      await adapter.processActivity(teamsActivity({ type: 'message', id: text, text }));
    const replies = adapter.activeQueue.splice(0);
    assert.equal(replies.length, 3);
    for (const r of replies)
      assert.equal(r.attachments?.[0]?.contentType, 'application/vnd.microsoft.card.adaptive');
    assert.match(replies[0]!.text ?? '', /Say \*\*status\*\*/);
    assert.match(replies[1]!.text ?? '', /Switchboard\*\* tab/);
    assert.match(replies[2]!.text ?? '', /not linked/);
  });

  it('says the relay’s explanation and never relays the bot’s own activity', async () => {
    plan = { action: 'explain', text: 'An agent must write first.' };
    await adapter.processActivity(teamsActivity({ type: 'message', id: 'p9', text: 'hi' }));
    assert.equal(adapter.activeQueue.shift()?.text, 'An agent must write first.');
    plan = { action: 'ignore', reason: 'echo' };
    await adapter.processActivity(
      teamsActivity({ type: 'message', id: 'p10', text: 'me', from: { id: '28:bot', name: 'Switchboard' } }),
    );
    assert.deepEqual(relayed.at(-1)?.sender, { kind: 'bot' });
  });

  it('keeps the conversation reference from an installation, and refreshes it on conversationUpdate', async () => {
    await adapter.processActivity(teamsActivity({ type: 'installationUpdate', action: 'add' }));
    const first = await store.chat().conversationByUser(teamsUserId(USER));
    assert.deepEqual(first && [first.conversationId, first.serviceUrl, first.tenantId], [
      'a:chat-1',
      'https://smba.example.test/teams/',
      'tenant-1',
    ]);
    await adapter.processActivity(
      teamsActivity({
        type: 'conversationUpdate',
        serviceUrl: 'https://smba.example.test/emea/',
        membersAdded: [{ id: '28:bot', name: 'bot' }],
      }),
    );
    assert.equal(
      (await store.chat().conversationByUser(teamsUserId(USER)))?.serviceUrl,
      'https://smba.example.test/emea/',
    );
    assert.equal(adapter.activeQueue.length, 0, 'updates need no answer');
  });
});
