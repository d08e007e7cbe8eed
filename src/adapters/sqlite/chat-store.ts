// The embedded ChatStore, on the Store's own better-sqlite3 connection (one file, one owner). Each write is
// one IMMEDIATE transaction; reads are single statements.
import type Database from 'better-sqlite3';
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
  mapConflict,
  MAPPING_COLUMNS as MAP,
  toConversation,
  toMapping,
  upnKey,
  type ConversationRow,
  type MappingRow,
} from '../chat-rows';
import { SqliteChatOutbox } from './chat-outbox';

export class SqliteChatStore implements ChatStore {
  private readonly outbox: SqliteChatOutbox;

  constructor(private readonly db: Database.Database) {
    this.outbox = new SqliteChatOutbox(db);
  }

  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  async putConversation(ref: ConversationReference): Promise<void> {
    this.write(() => this.putReference(ref));
  }
  async conversationByUser(userId: TeamsUserId): Promise<ConversationReference | null> {
    const row = this.db
      .prepare<[string], ConversationRow>(`SELECT ${CONV} FROM chat_conversations WHERE teams_user_id = ?`)
      .get(userId);
    return row ? toConversation(row) : null;
  }
  async conversationByUpn(upn: string): Promise<ConversationReference | null> {
    const row = this.db
      .prepare<[string], ConversationRow>(
        `SELECT ${CONV} FROM chat_conversations WHERE upn = ? ORDER BY updated_at DESC LIMIT 1`,
      )
      .get(upn.toLowerCase());
    return row ? toConversation(row) : null;
  }

  async saveMapping(mapping: MessageMapping): Promise<void> {
    this.write(() => this.putMapping(mapping));
  }
  async mappingByCc(id: CcMessageId): Promise<MessageMapping | null> {
    const row = this.db
      .prepare<[string], MappingRow>(`SELECT ${MAP} FROM chat_message_map WHERE cc_message_id = ?`)
      .get(id);
    return row ? toMapping(row) : null;
  }
  async mappingByTeams(key: ConversationKey, activityId: TeamsActivityId): Promise<MessageMapping | null> {
    return this.byTeams(key, activityId);
  }
  async conversationOfCcMessage(id: CcMessageId): Promise<ConversationKey | null> {
    const mapped = await this.mappingByCc(id);
    if (mapped) return mapped.conversationKey;
    const row = this.db
      .prepare<[string], { conversation_key: string }>(
        `SELECT conversation_key FROM chat_outbox WHERE cc_message_id = ? AND kind = 'post'
         ORDER BY seq DESC LIMIT 1`,
      )
      .get(id);
    return row ? (row.conversation_key as ConversationKey) : null;
  }
  async lastAgent(key: ConversationKey): Promise<AgentId | null> {
    const row = this.db
      .prepare<[string], { last_agent_id: string | null }>(
        'SELECT last_agent_id FROM chat_conversation_state WHERE conversation_key = ?',
      )
      .get(key);
    return (row?.last_agent_id ?? null) as AgentId | null;
  }
  async setLastAgent(key: ConversationKey, agentId: AgentId): Promise<void> {
    this.write(() => this.putState(key, { lastAgent: agentId }));
  }

  async enqueue(items: readonly ChatOutboxItem[], queuedAt: string): Promise<number> {
    return this.write(() => this.outbox.add(items, queuedAt));
  }
  async claimDue(nowMs: number, leaseMs: number, limit: number): Promise<ChatOutboxEntry[]> {
    return this.write(() => this.outbox.claim(nowMs, leaseMs, limit));
  }
  async nextDueAt(): Promise<number | null> {
    return this.outbox.nextDueAt();
  }
  async retryLater(id: string, nextAttemptAtMs: number, error: string): Promise<void> {
    this.write(() => this.outbox.retry(id, nextAttemptAtMs, error));
  }
  async complete(id: string, completion: ChatCompletion): Promise<void> {
    this.write(() => {
      const entry = this.outbox.settle(id, completion.outcome);
      if (!entry) return;
      if (completion.reference) this.putReference(completion.reference);
      if (completion.mapping) this.putMapping(completion.mapping);
      const key = entry.message.conversationKey;
      if (completion.lastAgent || completion.nextSendAtMs !== undefined)
        this.putState(key, { lastAgent: completion.lastAgent, nextSendMs: completion.nextSendAtMs });
    });
  }
  async unreported(limit: number): Promise<ChatOutboxEntry[]> {
    return this.outbox.unreported(limit);
  }
  async markReported(id: string): Promise<void> {
    this.write(() => this.outbox.markReported(id));
  }
  async outboxOf(key: ConversationKey): Promise<ChatOutboxEntry[]> {
    return this.outbox.of(key);
  }

  private putReference(ref: ConversationReference): void {
    this.db
      .prepare(
        `INSERT INTO chat_conversations (${CONV}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (teams_user_id) DO UPDATE SET upn = excluded.upn, tenant_id = excluded.tenant_id,
           service_url = excluded.service_url, conversation_id = excluded.conversation_id,
           updated_at = excluded.updated_at`,
      )
      .run(ref.teamsUserId, upnKey(ref.upn), ref.tenantId, ref.serviceUrl, ref.conversationId, ref.updatedAt);
  }

  private byTeams(key: string, activityId: string): MessageMapping | null {
    const row = this.db
      .prepare<[string, string], MappingRow>(
        `SELECT ${MAP} FROM chat_message_map WHERE conversation_key = ? AND teams_activity_id = ?`,
      )
      .get(key, activityId);
    return row ? toMapping(row) : null;
  }

  private putMapping(m: MessageMapping): void {
    const holder = this.byTeams(m.conversationKey, m.teamsActivityId);
    if (holder && holder.ccMessageId !== m.ccMessageId) throw mapConflict(m, holder.ccMessageId);
    this.db
      .prepare(
        `INSERT INTO chat_message_map (${MAP}) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (cc_message_id) DO UPDATE SET conversation_key = excluded.conversation_key,
           teams_activity_id = excluded.teams_activity_id, agent_id = excluded.agent_id,
           origin = excluded.origin, deleted_at = excluded.deleted_at`,
      )
      .run(m.ccMessageId, m.conversationKey, m.teamsActivityId, m.agentId, m.origin, m.deletedAt);
  }

  private putState(key: string, change: { lastAgent?: AgentId; nextSendMs?: number }): void {
    this.db
      .prepare(
        `INSERT INTO chat_conversation_state (conversation_key, last_agent_id, next_send_ms)
         VALUES (?, ?, COALESCE(?, 0))
         ON CONFLICT (conversation_key) DO UPDATE SET
           last_agent_id = COALESCE(excluded.last_agent_id, last_agent_id),
           next_send_ms = COALESCE(?, next_send_ms)`,
      )
      .run(key, change.lastAgent ?? null, change.nextSendMs ?? null, change.nextSendMs ?? null);
  }
}
