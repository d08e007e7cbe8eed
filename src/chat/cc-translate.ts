// Contact center ↔ canonical chat message: inbound chat.* events in, outbound chat.* bodies out
// (docs/INTEGRATION.md, inbound and outbound). Pure.
import type { ChatDeleteEvent, ChatEditEvent, ChatMessageEvent } from '../domain/events';
import { ccMessageId, type AgentId, type ConversationKey } from '../domain/ids';
import type { OutboundMessage } from '../ports/store.port';
import type { ChatMessage } from './chat-message';

export type CcChatEvent = ChatMessageEvent | ChatEditEvent | ChatDeleteEvent;

export const CC_CHAT_TYPES: ReadonlySet<string> = new Set(['chat.message', 'chat.edit', 'chat.delete']);

export function isCcChatEvent(event: { readonly type: string }): event is CcChatEvent {
  return CC_CHAT_TYPES.has(event.type);
}

const KIND = { 'chat.message': 'post', 'chat.edit': 'edit', 'chat.delete': 'delete' } as const;

/** The canonical message of an agent's event, in the conversation the caller resolved. */
export function fromCcEvent(event: CcChatEvent, key: ConversationKey): ChatMessage {
  return {
    origin: 'cc',
    conversationKey: key,
    messageId: ccMessageId(event.messageId),
    kind: KIND[event.type],
    ...(event.type === 'chat.delete' ? {} : { text: event.text }),
    sender: { kind: 'agent', agentId: event.agentId },
    at: event.occurredAt,
    ...(event.type === 'chat.message' && event.conversationId
      ? { ccConversationId: event.conversationId }
      : {}),
  };
}

const OUT_TYPE = {
  post: 'chat.message',
  edit: 'chat.edit',
  delete: 'chat.delete',
  reaction: 'chat.reaction',
  read: 'chat.read',
} as const;

/**
 * The outbound event telling `agentId` about a Teams user's message. `id` must be stable for the same
 * change, so a repeated Teams activity is a duplicate at the outbox, not a second event.
 */
export function toOutboundChat(message: ChatMessage, agentId: AgentId): OutboundMessage {
  const type = OUT_TYPE[message.kind];
  const id = `${type}:${message.messageId}:${message.at}${reactionSuffix(message)}`;
  const common = { id, type, occurredAt: message.at, agentId, conversationId: message.conversationKey };
  const body =
    message.kind === 'read'
      ? { ...common, lastReadMessageId: message.messageId }
      : { ...common, messageId: message.messageId, from: from(message), ...details(message) };
  return { id, agentId, type, body };
}

function reactionSuffix(message: ChatMessage): string {
  const r = message.reaction;
  return r ? `:${r.type}:${r.added ? 'added' : 'removed'}` : '';
}

function from(message: ChatMessage): Record<string, string> {
  const s = message.sender;
  return s.kind === 'teams' ? { teamsUserId: s.teamsUserId, displayName: s.displayName } : {};
}

function details(message: ChatMessage): Record<string, unknown> {
  switch (message.kind) {
    case 'post':
      return { text: message.text ?? '' };
    case 'edit':
      return { text: message.text ?? '', editedAt: message.at };
    case 'delete':
      return { deletedAt: message.at };
    case 'reaction':
      return message.reaction
        ? {
            reaction: message.reaction.type,
            added: message.reaction.added,
            targetMessageId: message.reaction.targetMessageId,
          }
        : {};
    case 'read':
      return {};
  }
}

export type ChatStatus =
  | { readonly status: 'delivered' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

/** chat.status for an agent's message; one per contact-center event, keyed by that event's id. */
export function toChatStatus(
  eventId: string,
  agentId: AgentId,
  messageId: string,
  outcome: ChatStatus,
  at: string,
): OutboundMessage {
  const id = `chat.status:${eventId}`;
  const failure = outcome.status === 'failed' ? { code: outcome.code, message: outcome.message } : {};
  const body = {
    id,
    type: 'chat.status',
    occurredAt: at,
    agentId,
    messageId,
    status: outcome.status,
    ...failure,
  };
  return { id, agentId, type: 'chat.status', body };
}
