// Issue 8 end to end over HTTP, BOT_ID set: agent messages reach the Teams user through the emulator's Bot
// Connector (with a bot token, showing the agent) and their outcome comes back as chat.status; the Teams
// user's replies, edits, deletes, undeletes, reactions and read receipts reach the agent as outbound chat.*
// events; the first-message rule, a user without the app, a restart between send and edit, a burst under
// 429s, and an expired channel token.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BOT_ID } from './bot-support';
import { ChatE2E, eventually, textOf } from '../chat/e2e-support';

describe('chat between agents and Teams users, end to end (BOT_ID set)', function () {
  this.timeout(60_000);
  let t: ChatE2E;
  beforeEach(async () => {
    t = await ChatE2E.start();
  });
  afterEach(() => t.close());

  it('agent message → Teams shows the agent; the reply, its edit, delete, undelete, reactions and read reach the agent', async () => {
    assert.equal((await t.install()).status, 200);
    await t.agent('A100', t.post('m-1', 'Hello from the contact center'));
    const [status] = await t.settled(1);
    assert.deepEqual([status.messageId, status.status, status.agentId], ['m-1', 'delivered', 'A100']);
    const [sent] = t.sent('POST');
    assert.equal(sent?.appId, BOT_ID, 'sent with the bot token');
    assert.equal(sent?.conversationId, `a:personal-${t.user}`, 'into the chat of the installation');
    assert.equal(textOf(sent), '**A100**: Hello from the contact center');
    const agentActivity = sent!.resultId!;

    await t.teams({ type: 'message', id: 'u-1', text: 'Hi, thanks' });
    await eventually(() => t.toCc('chat.message').length === 1);
    const reply = t.toCc('chat.message')[0];
    assert.deepEqual(
      [reply.agentId, reply.text, reply.from.teamsUserId, reply.from.displayName],
      ['A100', 'Hi, thanks', t.user, 'Pat Teams'],
    );
    await t.teams({
      type: 'messageUpdate',
      id: 'u-1',
      text: 'Hi, thanks!',
      channelData: { eventType: 'editMessage' },
    });
    await t.teams({ type: 'messageDelete', id: 'u-1', channelData: { eventType: 'softDeleteMessage' } });
    await t.teams({
      type: 'messageUpdate',
      id: 'u-1',
      text: 'Hi, thanks!',
      channelData: { eventType: 'undeleteMessage' },
    });
    await t.teams({ type: 'messageReaction', replyToId: agentActivity, reactionsAdded: [{ type: 'like' }] });
    await t.teams({
      type: 'messageReaction',
      replyToId: agentActivity,
      reactionsRemoved: [{ type: 'like' }],
    });
    await t.teams({
      type: 'event',
      name: 'application/vnd.microsoft.readReceipt',
      value: { lastReadMessageId: agentActivity },
    });
    await eventually(() => t.toCc('chat.read').length === 1);
    const [edit] = t.toCc('chat.edit');
    assert.deepEqual([edit.messageId, edit.text], [reply.messageId, 'Hi, thanks!']);
    assert.equal(t.toCc('chat.delete')[0]?.messageId, reply.messageId);
    const reposted = t.toCc('chat.message');
    assert.deepEqual(
      reposted.map((m) => m.messageId),
      [reply.messageId, reply.messageId],
      'undelete re-posts the id',
    );
    assert.deepEqual(
      t.toCc('chat.reaction').map((r) => [r.reaction, r.added, r.targetMessageId, r.agentId]),
      [
        ['like', true, 'm-1', 'A100'],
        ['like', false, 'm-1', 'A100'],
      ],
    );
    assert.equal(t.toCc('chat.read')[0]?.lastReadMessageId, 'm-1');
    assert.equal(t.sent('POST').length, 1, 'the bot said nothing more in Teams');
  });

  it('agent edits and deletes update and delete the same Teams message, across a restart', async () => {
    await t.install();
    await t.agent('A100', t.post('m-2', 'first version'));
    await t.settled(1);
    const activityId = t.sent('POST')[0]!.resultId!;
    await t.restart();
    await t.agent('A100', { type: 'chat.edit', messageId: 'm-2', text: 'second version' });
    await t.settled(2);
    await t.agent('A100', { type: 'chat.delete', messageId: 'm-2' });
    const statuses = await t.settled(3);
    assert.deepEqual(
      statuses.map((s) => s.status),
      ['delivered', 'delivered', 'delivered'],
    );
    const [put] = t.sent('PUT');
    assert.deepEqual([put?.activityId, textOf(put)], [activityId, '**A100**: second version']);
    assert.equal(t.sent('DELETE')[0]?.activityId, activityId);
  });

  it('creates the 1:1 chat when no reference is known; a user without the app → chat.status failed app_not_installed', async () => {
    await t.agent('A100', t.post('m-3', 'to a chat not seen yet'));
    await t.settled(1);
    const created = t.emulator.bot.calls().find((c) => c.path === '/v3/conversations');
    assert.deepEqual((created?.body as any).members, [{ id: t.user }]);
    assert.equal(t.sent('POST')[0]?.conversationId, created?.resultId);

    const other = randomUUID();
    t.emulator.bot.setAppInstalled(other, false);
    await t.agent('A100', t.post('m-4', 'hello?', { teamsUserId: other }));
    const statuses = await t.settled(2);
    assert.deepEqual(
      [statuses[1].messageId, statuses[1].status, statuses[1].code],
      ['m-4', 'failed', 'app_not_installed'],
    );
  });

  it('addresses a user by UPN through the directory, and a quoted reply goes to the agent quoted', async () => {
    t.emulator.seedUsers([{ id: t.user, userPrincipalName: 'pat@contoso.test', displayName: 'Pat Teams' }]);
    await t.install();
    await t.agent('A100', t.post('m-6', 'from Ann', { upn: 'Pat@contoso.test' }));
    await t.settled(1);
    await t.agent('A200', t.post('m-7', 'from Bob'));
    await t.settled(2);
    const [ann, bob] = t.sent('POST');
    assert.deepEqual([textOf(ann), textOf(bob)], ['**A100**: from Ann', '**A200**: from Bob']);
    const quote = `<blockquote itemscope="" itemtype="http://schema.skype.com/Reply" itemid="${ann!.resultId}">from Ann</blockquote>`;
    const attachments = [{ contentType: 'text/html', content: `${quote}<p>for Ann</p>` }];
    await t.teams({ type: 'message', id: 'u-7', text: 'for Ann', attachments });
    await t.teams({ type: 'message', id: 'u-8', text: 'for whoever wrote last' });
    await eventually(() => t.toCc('chat.message').length === 2);
    assert.deepEqual(
      t.toCc('chat.message').map((m) => [m.agentId, m.text]),
      [
        ['A100', 'for Ann'],
        ['A200', 'for whoever wrote last'],
      ],
    );
  });

  it('the agent writes first: a Teams user who writes first is told so and nothing is relayed', async () => {
    await t.install();
    assert.equal((await t.teams({ type: 'message', id: 'u-9', text: 'anyone there?' })).status, 200);
    const [said] = t.sent('POST');
    assert.match(textOf(said), /An agent has not started a conversation with you yet/);
    assert.equal(said?.activityId, 'u-9', 'a reply to the user’s message');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(t.toCc('chat.message'), []);
  });

  it('a burst of 30 under injected 429s: all delivered, once each, in order, within 7 a second', async () => {
    await t.install();
    t.emulator.bot.injectFaults({ status: 429, count: 3, retryAfterSeconds: 1 });
    const posts = Array.from({ length: 30 }, (_, i) => t.post(`b-${i}`, `burst ${i}`));
    await t.agent('A200', ...posts);
    const statuses = await t.settled(30, 45_000);
    assert.ok(statuses.every((s) => s.status === 'delivered'));
    const sends = t.sent('POST');
    assert.deepEqual(
      sends.map(textOf),
      posts.map((p) => `**A200**: ${p.text}`),
      'once each, in order',
    );
    assert.equal(t.emulator.bot.calls().filter((c) => c.status === 429).length, 3);
    for (let i = 7; i < sends.length; i++)
      assert.ok(sends[i]!.at - sends[i - 7]!.at >= 990, `8 sends within a second at ${i}`);
  });

  it('refuses a Teams activity with an expired channel token: 401, nothing relayed', async () => {
    await t.install();
    await t.agent('A100', t.post('m-5', 'hi'));
    await t.settled(1);
    const expired = await t.emulator.bot.issueChannelToken({ appId: BOT_ID, expiresInSeconds: -600 });
    assert.equal((await t.teams({ type: 'message', id: 'u-5', text: 'late' }, expired)).status, 401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(t.toCc('chat.message'), []);
  });
});
