// The persisted id map entry (matrix-appservice-bridge's event store): one message, known by the contact
// center's id and by its Teams activity id. Unique on both sides; owned by the core, kept by the ChatStore.
import type { AgentId, CcMessageId, ConversationKey, TeamsActivityId } from '../domain/ids';
import type { ChatOrigin } from './chat-message';

export interface MessageMapping {
  readonly ccMessageId: CcMessageId;
  readonly teamsActivityId: TeamsActivityId;
  readonly conversationKey: ConversationKey;
  /** The agent who wrote it (origin cc) or to whom it was relayed (origin teams). */
  readonly agentId: AgentId;
  readonly origin: ChatOrigin;
  /** Set when the message was deleted: a tombstone, so a late edit is refused and an undelete recognised. */
  readonly deletedAt: string | null;
}
