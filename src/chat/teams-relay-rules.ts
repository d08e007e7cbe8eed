// Relay rules, Teams → contact center: whether a Teams user's post, edit, delete, undelete, reaction or
// read receipt reaches an agent, which agent, and how the id map changes. Pure; the caller looks up the
// map entries and the last agent, and applies the plan.
import type { AgentId, ConversationKey, TeamsActivityId, TeamsUserId } from '../domain/ids';
import { teamsMessageId, type ChatMessage } from './chat-message';
import type { MessageMapping } from './message-mapping';

/** A Teams activity of the user's 1:1 chat with the bot, translated at the bot edge. */
export interface TeamsInbound {
  readonly kind: 'post' | 'edit' | 'delete' | 'undelete' | 'reaction' | 'read';
  readonly conversationKey: ConversationKey;
  /** The message concerned: the post itself, the edited/deleted one, the reacted-to one, the last read one. */
  readonly activityId: TeamsActivityId;
  /** The bot's own activities come back as `bot`: they are never relayed (echo suppression). */
  readonly sender:
    | { readonly kind: 'user'; readonly teamsUserId: TeamsUserId; readonly displayName: string }
    | { readonly kind: 'bot' };
  readonly text?: string;
  /** The message the user quoted or replied to, when the post has one. */
  readonly replyToActivityId?: TeamsActivityId;
  readonly reaction?: { readonly type: string; readonly added: boolean };
  readonly at: string;
}

export interface TeamsRelayContext {
  /** The map entry of `activityId`. */
  readonly subject: MessageMapping | null;
  /** The map entry of `replyToActivityId`. */
  readonly quoted: MessageMapping | null;
  /** The agent who last wrote in this conversation. */
  readonly lastAgent: AgentId | null;
  /** Null: the agent must write first (seed 002). Otherwise the agent who gets a Teams user's first message. */
  readonly firstContactAgent: AgentId | null;
}

export type ReplyRoute = 'quoted' | 'last-agent' | 'first-contact';

export type TeamsRelayPlan =
  | {
      readonly action: 'relay';
      readonly agentId: AgentId;
      readonly message: ChatMessage;
      /** The map entry to save once the event is queued; absent when the map does not change. */
      readonly mapping?: MessageMapping;
      readonly route?: ReplyRoute;
    }
  /** Tell the Teams user, relay nothing. */
  | { readonly action: 'explain'; readonly text: string }
  | { readonly action: 'ignore'; readonly reason: string };

export const AGENT_STARTS_TEXT =
  'Thanks for your message. An agent has not started a conversation with you yet, so it was not passed on: ' +
  'you can reply here once an agent writes to you.';

type UserInbound = TeamsInbound & { readonly sender: Extract<TeamsInbound['sender'], { kind: 'user' }> };

export function planTeamsRelay(activity: TeamsInbound, ctx: TeamsRelayContext): TeamsRelayPlan {
  if (activity.sender.kind === 'bot') return ignore('echo: the bot’s own activity');
  const inbound = activity as UserInbound;
  const { subject } = ctx;
  if (inbound.kind === 'post') return planPost(inbound, ctx);
  if (!subject) return ignore('unknown_message: not a relayed message');
  switch (inbound.kind) {
    case 'edit':
    case 'delete':
    case 'undelete':
      return planChange(inbound, subject);
    case 'reaction':
      if (subject.deletedAt) return ignore('deleted_message');
      return relay(
        inbound,
        subject.agentId,
        { kind: 'reaction', messageId: subject.ccMessageId },
        {
          reaction: {
            type: inbound.reaction?.type ?? 'like',
            added: inbound.reaction?.added ?? true,
            targetMessageId: subject.ccMessageId,
          },
        },
      );
    case 'read':
      if (subject.origin !== 'cc') return ignore('read receipt of the user’s own message');
      return relay(inbound, subject.agentId, { kind: 'read', messageId: subject.ccMessageId });
  }
}

function planPost(inbound: UserInbound, ctx: TeamsRelayContext): TeamsRelayPlan {
  if (ctx.subject) return ignore(ctx.subject.origin === 'cc' ? 'echo: our own message' : 'duplicate');
  const [agentId, route]: [AgentId | null, ReplyRoute] = ctx.quoted
    ? [ctx.quoted.agentId, 'quoted']
    : ctx.lastAgent
      ? [ctx.lastAgent, 'last-agent']
      : [ctx.firstContactAgent, 'first-contact'];
  if (!agentId) return { action: 'explain', text: AGENT_STARTS_TEXT };
  const messageId = teamsMessageId(inbound.conversationKey, inbound.activityId);
  const mapping = newMapping(inbound, agentId, messageId);
  const plan = relay(inbound, agentId, { kind: 'post', messageId, text: inbound.text ?? '' });
  return { ...plan, mapping, route } as TeamsRelayPlan;
}

/** Edit, delete and undelete of the user's own relayed message; the bot's messages are not theirs to change. */
function planChange(inbound: UserInbound, subject: MessageMapping): TeamsRelayPlan {
  if (subject.origin === 'cc') return ignore('echo: a change to our own message');
  const id = subject.ccMessageId;
  if (inbound.kind === 'edit') {
    if (subject.deletedAt) return ignore('deleted_message');
    return relay(inbound, subject.agentId, { kind: 'edit', messageId: id, text: inbound.text ?? '' });
  }
  if (inbound.kind === 'delete') {
    if (subject.deletedAt) return ignore('already deleted');
    const plan = relay(inbound, subject.agentId, { kind: 'delete', messageId: id });
    return { ...plan, mapping: { ...subject, deletedAt: inbound.at } } as TeamsRelayPlan;
  }
  if (!subject.deletedAt) return ignore('not deleted');
  // An undelete is a re-post of the same message id, with the restored text.
  const plan = relay(inbound, subject.agentId, { kind: 'post', messageId: id, text: inbound.text ?? '' });
  return { ...plan, mapping: { ...subject, deletedAt: null } } as TeamsRelayPlan;
}

function relay(
  inbound: UserInbound,
  agentId: AgentId,
  part: Pick<ChatMessage, 'kind' | 'messageId' | 'text'>,
  extra: Partial<ChatMessage> = {},
): Extract<TeamsRelayPlan, { action: 'relay' }> {
  const sender = inbound.sender;
  const message: ChatMessage = {
    origin: 'teams',
    conversationKey: inbound.conversationKey,
    ...part,
    ...(part.text === undefined ? {} : { text: part.text }),
    sender: { kind: 'teams', teamsUserId: sender.teamsUserId, displayName: sender.displayName },
    at: inbound.at,
    ...extra,
  };
  return { action: 'relay', agentId, message };
}

function newMapping(
  inbound: TeamsInbound,
  agentId: AgentId,
  messageId: ChatMessage['messageId'],
): MessageMapping {
  return {
    ccMessageId: messageId,
    teamsActivityId: inbound.activityId,
    conversationKey: inbound.conversationKey,
    agentId,
    origin: 'teams',
    deletedAt: null,
  };
}

const ignore = (reason: string): TeamsRelayPlan => ({ action: 'ignore', reason });
