// Durable chat state, its own port (not the Store's 22 methods). Adapters: src/adapters/sqlite/chat-store.ts
// and src/adapters/postgres/chat-store.ts; both must pass test/store/contract/chat.contract.ts. Every method
// is atomic; everything another instance needs to carry on (references, id map, queue, claims) is in here.
import type { ChatMessage } from '../chat/chat-message';
import type { MessageMapping } from '../chat/message-mapping';
import type { AgentId, CcMessageId, ConversationKey, TeamsActivityId, TeamsUserId } from '../domain/ids';

/** Where a Teams user's 1:1 chat with the bot lives, from their installation or conversationUpdate. */
export interface ConversationReference {
  readonly teamsUserId: TeamsUserId;
  readonly upn?: string;
  readonly tenantId: string;
  readonly serviceUrl: string;
  readonly conversationId: string;
  readonly updatedAt: string;
}

/** An agent's post, edit or delete waiting for (or done with) delivery to Teams. */
export interface ChatOutboxItem {
  /** The inbound event's id: queuing the same event twice queues it once. */
  readonly id: string;
  readonly message: ChatMessage;
}

export type ChatOutcome =
  | { readonly status: 'delivered' }
  | { readonly status: 'failed'; readonly code: string; readonly message: string };

export interface ChatOutboxEntry extends ChatOutboxItem {
  readonly seq: number;
  readonly attempts: number;
  readonly lastError: string | null;
  /** When it was queued (ISO). */
  readonly createdAt: string;
  readonly state: 'pending' | 'done';
  /** Set once done; `reported` once its chat.status is queued for the contact center. */
  readonly outcome: ChatOutcome | null;
  readonly reported: boolean;
}

export interface ChatCompletion {
  readonly outcome: ChatOutcome;
  /** The map entry this delivery created or changed (saved by ccMessageId, as saveMapping). */
  readonly mapping?: MessageMapping;
  /** The agent who now wrote last in the conversation. */
  readonly lastAgent?: AgentId;
  /** The conversation's next send is not due before this (rate limit), epoch ms. */
  readonly nextSendAtMs?: number;
  /** The Teams chat this delivery created, to keep for the next one. */
  readonly reference?: ConversationReference;
}

export interface ChatStore {
  /** Inserts or replaces the reference of `teamsUserId`. */
  putConversation(ref: ConversationReference): Promise<void>;
  conversationByUser(userId: TeamsUserId): Promise<ConversationReference | null>;
  /** Case-insensitive; the most recently updated reference with that UPN. */
  conversationByUpn(upn: string): Promise<ConversationReference | null>;

  /**
   * Inserts or replaces the entry of `mapping.ccMessageId`. Throws CodedError('id_map_conflict'), changing
   * nothing, when its Teams activity (in that conversation) is mapped to another contact-center id.
   */
  saveMapping(mapping: MessageMapping): Promise<void>;
  mappingByCc(id: CcMessageId): Promise<MessageMapping | null>;
  mappingByTeams(key: ConversationKey, activityId: TeamsActivityId): Promise<MessageMapping | null>;
  /** The conversation a contact-center message is in: its map entry's, else a queued post's; null if neither. */
  conversationOfCcMessage(id: CcMessageId): Promise<ConversationKey | null>;
  lastAgent(key: ConversationKey): Promise<AgentId | null>;
  setLastAgent(key: ConversationKey, agentId: AgentId): Promise<void>;

  /** Queues items pending, due at once; an id already queued (in any state) is skipped. Returns how many were new. */
  enqueue(items: readonly ChatOutboxItem[], queuedAt: string): Promise<number>;
  /**
   * For each conversation whose oldest pending item is due at nowMs (its retry time and the conversation's
   * next-send time passed, and no live claim), claims that item until nowMs + leaseMs and returns it, oldest
   * first, at most `limit`. Later items of a conversation wait for the earlier one: strict order.
   */
  claimDue(nowMs: number, leaseMs: number, limit: number): Promise<ChatOutboxEntry[]>;
  /** Earliest time (epoch ms) some conversation's head may become claimable; null when nothing is pending. */
  nextDueAt(): Promise<number | null>;
  /** Records one failed attempt and releases the claim; retried at nextAttemptAtMs. No-op unless pending. */
  retryLater(id: string, nextAttemptAtMs: number, error: string): Promise<void>;
  /** Settles a pending item with its outcome and applies the completion's changes in one transaction. */
  complete(id: string, completion: ChatCompletion): Promise<void>;
  /** Done items whose chat.status is not yet queued, oldest first (work a crash may have left). */
  unreported(limit: number): Promise<ChatOutboxEntry[]>;
  markReported(id: string): Promise<void>;
  /** Every item of a conversation, oldest first (diagnostics and tests). */
  outboxOf(key: ConversationKey): Promise<ChatOutboxEntry[]>;
}
