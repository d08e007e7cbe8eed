// The one canonical chat message both directions are translated to and from (matterbridge's
// config.Message): an edit is a message with a known id, a delete an event, reactions and read receipts
// point at a message. Wire formats (contact-center events, Bot Framework activities) stay at the edges.
import type { AgentId, CcMessageId, ConversationKey, TeamsActivityId, TeamsUserId } from '../domain/ids';

export type ChatOrigin = 'cc' | 'teams';
export type ChatKind = 'post' | 'edit' | 'delete' | 'reaction' | 'read';

/** Who wrote it: an agent (origin cc) or a Teams user (origin teams). */
export type ChatSender =
  | { readonly kind: 'agent'; readonly agentId: AgentId }
  | { readonly kind: 'teams'; readonly teamsUserId: TeamsUserId; readonly displayName: string };

export interface ChatReaction {
  /** Teams' reaction type, e.g. "like", "heart". */
  readonly type: string;
  readonly added: boolean;
  /** The message reacted to, in the contact center's ids (the agent's or the Teams user's message). */
  readonly targetMessageId: CcMessageId;
}

export interface ChatMessage {
  readonly origin: ChatOrigin;
  readonly conversationKey: ConversationKey;
  /** The message's id in the contact center's ids (for Teams messages: the id we gave the contact center). */
  readonly messageId: CcMessageId;
  readonly kind: ChatKind;
  /** Post and edit only. */
  readonly text?: string;
  readonly sender: ChatSender;
  /** Reaction only. */
  readonly reaction?: ChatReaction;
  /** When it happened (an edit's or delete's time of change), RFC 3339. */
  readonly at: string;
  /** The contact center's own conversation id, passed through when it gave one. */
  readonly ccConversationId?: string;
}

/** The id the contact center knows a Teams user's message by: Teams ids are unique within a chat only. */
export function teamsMessageId(key: ConversationKey, activityId: TeamsActivityId): CcMessageId {
  return `${activityId}@${key}` as CcMessageId;
}
