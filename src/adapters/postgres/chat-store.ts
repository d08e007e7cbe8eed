// The PostgreSQL ChatStore, on the Store's pool: the same behaviour as the embedded one
// (test/store/contract/chat.contract.ts). Reads are single statements; every write is one transaction.
import type pg from 'pg';
import type { MessageMapping } from '../../chat/message-mapping';
import type { AgentId, CcMessageId, ConversationKey, TeamsActivityId, TeamsUserId } from '../../domain/ids';
import type {
  ChatCompletion,
  ChatOutboxEntry,
  ChatOutboxItem,
  ChatStore,
  ConversationReference,
} from '../../ports/chat-store.port';
import {
  CONVERSATION_COLUMNS as CONV,
  MAPPING_COLUMNS as MAP,
  mapConflict,
  toConversation,
  toMapping,
  upnKey,
  type ConversationRow,
  type MappingRow,
} from '../chat-rows';
import * as outbox from './chat-outbox';
import { inTransaction, isUniqueViolation, type Queryable } from './transaction';

export class PostgresChatStore implements ChatStore {
  constructor(private readonly pool: pg.Pool) {}

  async putConversation(ref: ConversationReference): Promise<void> {
    await putReference(this.pool, ref);
  }
  async conversationByUser(userId: TeamsUserId): Promise<ConversationReference | null> {
    const { rows } = await this.pool.query<ConversationRow>(
      `SELECT ${CONV} FROM chat_conversations WHERE teams_user_id = $1`,
      [userId],
    );
    return rows[0] ? toConversation(rows[0]) : null;
  }
  async conversationByUpn(upn: string): Promise<ConversationReference | null> {
    const { rows } = await this.pool.query<ConversationRow>(
      `SELECT ${CONV} FROM chat_conversations WHERE upn = $1 ORDER BY updated_at DESC LIMIT 1`,
      [upn.toLowerCase()],
    );
    return rows[0] ? toConversation(rows[0]) : null;
  }

  async saveMapping(mapping: MessageMapping): Promise<void> {
    await inTransaction(this.pool, (client) => putMapping(client, mapping));
  }
  async mappingByCc(id: CcMessageId): Promise<MessageMapping | null> {
    const { rows } = await this.pool.query<MappingRow>(
      `SELECT ${MAP} FROM chat_message_map WHERE cc_message_id = $1`,
      [id],
    );
    return rows[0] ? toMapping(rows[0]) : null;
  }
  async mappingByTeams(key: ConversationKey, activityId: TeamsActivityId): Promise<MessageMapping | null> {
    return byTeams(this.pool, key, activityId);
  }
  async conversationOfCcMessage(id: CcMessageId): Promise<ConversationKey | null> {
    const mapped = await this.mappingByCc(id);
    if (mapped) return mapped.conversationKey;
    const { rows } = await this.pool.query<{ conversation_key: string }>(
      `SELECT conversation_key FROM chat_outbox WHERE cc_message_id = $1 AND kind = 'post'
       ORDER BY seq DESC LIMIT 1`,
      [id],
    );
    return (rows[0]?.conversation_key ?? null) as ConversationKey | null;
  }
  async lastAgent(key: ConversationKey): Promise<AgentId | null> {
    const { rows } = await this.pool.query<{ last_agent_id: string | null }>(
      'SELECT last_agent_id FROM chat_conversation_state WHERE conversation_key = $1',
      [key],
    );
    return (rows[0]?.last_agent_id ?? null) as AgentId | null;
  }
  async setLastAgent(key: ConversationKey, agentId: AgentId): Promise<void> {
    await putState(this.pool, key, { lastAgent: agentId });
  }

  async enqueue(items: readonly ChatOutboxItem[], queuedAt: string): Promise<number> {
    return inTransaction(this.pool, (client) => outbox.addChatItems(client, items, queuedAt));
  }
  async claimDue(nowMs: number, leaseMs: number, limit: number): Promise<ChatOutboxEntry[]> {
    return outbox.claimChatItems(this.pool, nowMs, leaseMs, limit);
  }
  async nextDueAt(): Promise<number | null> {
    return outbox.nextChatDueAt(this.pool);
  }
  async retryLater(id: string, nextAttemptAtMs: number, error: string): Promise<void> {
    await outbox.retryChatItem(this.pool, id, nextAttemptAtMs, error);
  }
  async complete(id: string, completion: ChatCompletion): Promise<void> {
    await inTransaction(this.pool, async (client) => {
      const entry = await outbox.settleChatItem(client, id, completion.outcome);
      if (!entry) return;
      if (completion.reference) await putReference(client, completion.reference);
      if (completion.mapping) await putMapping(client, completion.mapping);
      if (completion.lastAgent || completion.nextSendAtMs !== undefined)
        await putState(client, entry.message.conversationKey, {
          lastAgent: completion.lastAgent,
          nextSendMs: completion.nextSendAtMs,
        });
    });
  }
  async unreported(limit: number): Promise<ChatOutboxEntry[]> {
    return outbox.unreportedChatItems(this.pool, limit);
  }
  async markReported(id: string): Promise<void> {
    await outbox.markChatReported(this.pool, id);
  }
  async outboxOf(key: ConversationKey): Promise<ChatOutboxEntry[]> {
    return outbox.chatItemsOf(this.pool, key);
  }
}

async function putReference(db: Queryable, ref: ConversationReference): Promise<void> {
  await db.query(
    `INSERT INTO chat_conversations (${CONV}) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (teams_user_id) DO UPDATE SET upn = excluded.upn, tenant_id = excluded.tenant_id,
       service_url = excluded.service_url, conversation_id = excluded.conversation_id,
       updated_at = excluded.updated_at`,
    [ref.teamsUserId, upnKey(ref.upn), ref.tenantId, ref.serviceUrl, ref.conversationId, ref.updatedAt],
  );
}

async function byTeams(db: Queryable, key: string, activityId: string): Promise<MessageMapping | null> {
  const { rows } = await db.query<MappingRow>(
    `SELECT ${MAP} FROM chat_message_map WHERE conversation_key = $1 AND teams_activity_id = $2`,
    [key, activityId],
  );
  return rows[0] ? toMapping(rows[0]) : null;
}

/** Call inside a transaction. A concurrent writer of the same activity loses on the unique constraint. */
async function putMapping(db: Queryable, m: MessageMapping): Promise<void> {
  const holder = await byTeams(db, m.conversationKey, m.teamsActivityId);
  if (holder && holder.ccMessageId !== m.ccMessageId) throw mapConflict(m, holder.ccMessageId);
  try {
    await db.query(
      `INSERT INTO chat_message_map (${MAP}) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (cc_message_id) DO UPDATE SET conversation_key = excluded.conversation_key,
         teams_activity_id = excluded.teams_activity_id, agent_id = excluded.agent_id,
         origin = excluded.origin, deleted_at = excluded.deleted_at`,
      [m.ccMessageId, m.conversationKey, m.teamsActivityId, m.agentId, m.origin, m.deletedAt],
    );
  } catch (error) {
    if (isUniqueViolation(error, 'chat_message_map_teams_key')) throw mapConflict(m, 'another message');
    throw error;
  }
}

async function putState(
  db: Queryable,
  key: string,
  change: { lastAgent?: AgentId; nextSendMs?: number },
): Promise<void> {
  await db.query(
    `INSERT INTO chat_conversation_state (conversation_key, last_agent_id, next_send_ms)
     VALUES ($1, $2, COALESCE($3::bigint, 0))
     ON CONFLICT (conversation_key) DO UPDATE SET
       last_agent_id = COALESCE(excluded.last_agent_id, chat_conversation_state.last_agent_id),
       next_send_ms = COALESCE($3::bigint, chat_conversation_state.next_send_ms)`,
    [key, change.lastAgent ?? null, change.nextSendMs ?? null],
  );
}
