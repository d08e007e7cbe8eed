// Row mapping the SQLite and PostgreSQL chat stores share. Numbers come back as numbers from SQLite and as
// strings (bigint) from PostgreSQL; booleans as 0/1 or true/false.
import type { ChatMessage } from '../chat/chat-message';
import type { MessageMapping } from '../chat/message-mapping';
import { CodedError } from '../domain/errors';
import type { AgentId, CcMessageId, ConversationKey, TeamsActivityId, TeamsUserId } from '../domain/ids';
import type { ChatOutboxEntry, ChatOutcome, ConversationReference } from '../ports/chat-store.port';

export interface ConversationRow {
  readonly teams_user_id: string;
  readonly upn: string | null;
  readonly tenant_id: string;
  readonly service_url: string;
  readonly conversation_id: string;
  readonly updated_at: string;
}

export interface MappingRow {
  readonly cc_message_id: string;
  readonly conversation_key: string;
  readonly teams_activity_id: string;
  readonly agent_id: string;
  readonly origin: string;
  readonly deleted_at: string | null;
}

export interface ChatOutboxRow {
  readonly seq: number | string;
  readonly id: string;
  readonly message: string;
  readonly attempts: number | string;
  readonly last_error: string | null;
  readonly state: string;
  readonly outcome: string | null;
  readonly reported: number | boolean;
  readonly created_at: string;
}

export const CHAT_OUTBOX_COLUMNS =
  'seq, id, message, attempts, last_error, state, outcome, reported, created_at';
export const MAPPING_COLUMNS =
  'cc_message_id, conversation_key, teams_activity_id, agent_id, origin, deleted_at';
export const CONVERSATION_COLUMNS = 'teams_user_id, upn, tenant_id, service_url, conversation_id, updated_at';

export const toConversation = (row: ConversationRow): ConversationReference => ({
  teamsUserId: row.teams_user_id as TeamsUserId,
  ...(row.upn === null ? {} : { upn: row.upn }),
  tenantId: row.tenant_id,
  serviceUrl: row.service_url,
  conversationId: row.conversation_id,
  updatedAt: row.updated_at,
});

/** UPNs are compared case-insensitively; they are stored lower-cased. */
export const upnKey = (upn: string | undefined): string | null => (upn ? upn.toLowerCase() : null);

export const toMapping = (row: MappingRow): MessageMapping => ({
  ccMessageId: row.cc_message_id as CcMessageId,
  conversationKey: row.conversation_key as ConversationKey,
  teamsActivityId: row.teams_activity_id as TeamsActivityId,
  agentId: row.agent_id as AgentId,
  origin: row.origin as MessageMapping['origin'],
  deletedAt: row.deleted_at,
});

export const toChatOutboxEntry = (row: ChatOutboxRow): ChatOutboxEntry => ({
  id: row.id,
  message: JSON.parse(row.message) as ChatMessage,
  seq: Number(row.seq),
  attempts: Number(row.attempts),
  lastError: row.last_error,
  state: row.state as ChatOutboxEntry['state'],
  outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as ChatOutcome),
  reported: Boolean(row.reported),
  createdAt: row.created_at,
});

/** The Teams side of the id map is unique too: an activity belongs to one contact-center message. */
export function mapConflict(m: MessageMapping, holder: string): CodedError {
  return new CodedError(
    'id_map_conflict',
    `Teams activity ${m.teamsActivityId} is already mapped to message ${holder}, not ${m.ccMessageId}.`,
    { ccMessageId: m.ccMessageId, teamsActivityId: m.teamsActivityId, holder },
  );
}
