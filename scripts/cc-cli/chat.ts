// Chat from the terminal. The agent's side: `send chat.message|chat.edit|chat.delete` (events, like any
// other). The Teams user's side, against the local emulator: `teams-chat` shows what the bot sent the user,
// `teams-say`, `teams-edit`, `teams-delete` post activities to the bot as Teams would (with a channel token
// from the emulator when BOT_ID is set).
import { randomUUID } from 'node:crypto';
import { fail } from './errors';
import { expectOk, jsonBody, request } from './http';
import type { Context } from './commands';

export const CHAT_TYPES = new Set(['chat.message', 'chat.edit', 'chat.delete']);

const opt = (ctx: Context, name: string): string | undefined => {
  const value = ctx.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/** The event for `send chat.*`; a new message gets a fresh --message id unless one is given. */
export function chatEventFor(ctx: Context, type: string): Record<string, unknown> {
  const needs = (name: string, usage: string): string =>
    opt(ctx, name) ?? fail(`send ${type} needs ${usage}`);
  const base = { id: randomUUID(), type, occurredAt: new Date().toISOString() };
  if (type === 'chat.message') {
    const usage = '--agent <id> --to <teams-user-object-id or upn> --text "..." [--message <id>]';
    const [agentId, to, text] = [needs('agent', usage), needs('to', usage), needs('text', usage)];
    const recipient = to.includes('@') ? { upn: to } : { teamsUserId: to };
    return {
      ...base,
      agentId,
      messageId: opt(ctx, 'message') ?? `m-${randomUUID().slice(0, 8)}`,
      to: recipient,
      text,
    };
  }
  const usage = `--agent <id> --message <id>${type === 'chat.edit' ? ' --text "..."' : ''}`;
  const [agentId, messageId] = [needs('agent', usage), needs('message', usage)];
  return type === 'chat.edit'
    ? { ...base, agentId, messageId, text: needs('text', usage) }
    : { ...base, agentId, messageId };
}

interface BotCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string | null;
  readonly activityId: string | null;
  readonly body: { text?: string; members?: { id?: string }[] } | null;
  readonly status: number;
  readonly resultId: string | null;
}

async function botCalls(ctx: Context): Promise<BotCall[]> {
  const to = {
    name: 'the emulator',
    base: ctx.targets.graph,
    hint: `is npm start running in local mode? ${ctx.targets.from}`,
  };
  const answer = expectOk(to, await request(to, 'GET', '/_emulator/bot/calls'));
  return ((answer.json as { value?: BotCall[] }).value ?? []).filter((c) => c.status < 300);
}

/** The user's chat with the bot: the one the bot created for them, else one named after them. */
function chatOf(calls: readonly BotCall[], user: string): string {
  const created = calls.find(
    (c) => c.path === '/v3/conversations' && c.body?.members?.some((m) => m.id === user),
  );
  return created?.resultId ?? `a:cli-${user}`;
}

/** What the Teams user sees: the bot's messages in their chat, with ids to edit or react to. */
export async function teamsChat(ctx: Context, user: string): Promise<void> {
  const calls = await botCalls(ctx);
  const chat = chatOf(calls, user);
  const shown = new Map<string, string>();
  for (const c of calls.filter((c) => c.conversationId === chat)) {
    if (c.method === 'POST' && c.resultId) shown.set(c.resultId, c.body?.text ?? '(card)');
    if (c.method === 'PUT' && c.activityId) shown.set(c.activityId, `${c.body?.text ?? ''} (edited)`);
    if (c.method === 'DELETE' && c.activityId) shown.set(c.activityId, '(deleted)');
  }
  if (ctx.options.json) return ctx.print(JSON.stringify([...shown].map(([id, text]) => ({ id, text }))));
  ctx.print(shown.size ? [...shown].map(([id, text]) => `[${id}] ${text}`) : `No messages for ${user} yet`);
}

/** Posts an activity of `user`'s personal chat to the bot, as Teams would. */
export async function teamsActivity(
  ctx: Context,
  user: string,
  activity: Record<string, unknown>,
): Promise<void> {
  const serviceUrl = `${ctx.targets.graph}/bot/connector/`;
  const botId = ctx.env.BOT_ID || '';
  const headers: Record<string, string> = { ...jsonBody({}).headers };
  if (botId) {
    const to = { name: 'the emulator', base: ctx.targets.graph, hint: ctx.targets.from };
    const token = expectOk(
      to,
      await request(to, 'POST', '/_emulator/bot/channel-token', jsonBody({ appId: botId, serviceUrl })),
    );
    headers.authorization = `Bearer ${String((token.json as { token?: unknown }).token)}`;
  }
  const body = {
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${user}`, name: opt(ctx, 'name') ?? 'Teams user', aadObjectId: user },
    recipient: { id: `28:${botId || 'switchboard-bot'}` },
    conversation: { id: chatOf(await botCalls(ctx), user), conversationType: 'personal' },
    timestamp: new Date().toISOString(),
    ...activity,
  };
  const to = { name: 'Switchboard', base: ctx.targets.service, hint: ctx.targets.from };
  expectOk(to, await request(to, 'POST', '/api/messages', { body: JSON.stringify(body), headers }));
  ctx.print(
    `Teams user ${user}: ${String(activity.type)} ${String(activity.id ?? activity.replyToId ?? '')} sent to the bot`,
  );
}

export function teamsCommand(
  ctx: Context,
  command: string,
  args: readonly (string | undefined)[],
): Promise<void> {
  const [user, first, second] = args;
  if (!user) return fail(`${command} needs a Teams user object id (see switchboard-cc help)`);
  const usage = (u: string) => fail(`usage: ${command} ${u}`);
  switch (command) {
    case 'teams-chat':
      return teamsChat(ctx, user);
    case 'teams-say':
      return teamsActivity(ctx, user, {
        type: 'message',
        id: `t-${randomUUID().slice(0, 8)}`,
        text: first ?? usage('<user> "text"'),
      });
    case 'teams-edit':
      return teamsActivity(ctx, user, {
        type: 'messageUpdate',
        id: first ?? usage('<user> <activity-id> "text"'),
        text: second ?? usage('<user> <activity-id> "text"'),
        channelData: { eventType: 'editMessage' },
      });
    case 'teams-delete':
      return teamsActivity(ctx, user, {
        type: 'messageDelete',
        id: first ?? usage('<user> <activity-id>'),
        channelData: { eventType: 'softDeleteMessage' },
      });
    default:
      return teamsActivity(ctx, user, {
        type: 'messageReaction',
        replyToId: first ?? usage('<user> <activity-id> [like|heart|laugh|surprised|sad|angry]'),
        reactionsAdded: [{ type: second ?? 'like' }],
      });
  }
}
