// Messages in a Teams user's 1:1 chat with the bot (the Bot Connector at the chat's serviceUrl). Adapter:
// the bot's, wired in bot/; tests use test/support/fake-chat-transport.ts. Every method is result-typed and
// never throws: an answer the caller can act on is a value.
import type { AgentId, TeamsActivityId, TeamsUserId } from '../domain/ids';
import type { ConversationReference } from './chat-store.port';

export interface ChatRecipient {
  readonly teamsUserId: TeamsUserId;
  /** The chat's reference when we have one; without it the transport creates the 1:1 chat first. */
  readonly reference: ConversationReference | null;
}

/** What the Teams user sees: the text, and which agent wrote it. */
export interface OutgoingChat {
  readonly agentId: AgentId;
  readonly text: string;
}

export type ChatSendResult =
  | {
      readonly kind: 'delivered';
      readonly activityId: TeamsActivityId;
      /** Set when the transport created the chat: keep it for the next message. */
      readonly reference?: ConversationReference;
    }
  /** Worth trying again (429, 412, 502, 504, network): not before retryAfterMs when Teams said so. */
  | { readonly kind: 'retry'; readonly error: string; readonly retryAfterMs?: number }
  /** Refused for good, with a stable code: e.g. app_not_installed for a 403, conversation_not_found. */
  | { readonly kind: 'failed'; readonly code: string; readonly message: string };

export interface ChatTransport {
  /** Posts a new message; creates the 1:1 chat when the recipient has no reference. Must not retry itself. */
  send(recipient: ChatRecipient, message: OutgoingChat): Promise<ChatSendResult>;
  /** Replaces the text of one of the bot's messages; delivered carries the same activity id. */
  update(
    reference: ConversationReference,
    activityId: TeamsActivityId,
    message: OutgoingChat,
  ): Promise<ChatSendResult>;
  /** Deletes one of the bot's messages; a message already gone is delivered, not failed. */
  delete(reference: ConversationReference, activityId: TeamsActivityId): Promise<ChatSendResult>;
}
