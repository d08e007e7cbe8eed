// The chat outbox: agents' posts, edits and deletes for Teams, in strict order per conversation (only a
// conversation's oldest pending item is ever offered), claimed for a lease so two workers never send the
// same item at once, and kept after delivery until its chat.status is queued. Call writes in a transaction.
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import type { ChatOutboxEntry, ChatOutboxItem, ChatOutcome } from '../../ports/chat-store.port';
import { CHAT_OUTBOX_COLUMNS as COLS, toChatOutboxEntry, type ChatOutboxRow } from '../chat-rows';

/** Each conversation's oldest pending item, with the conversation's rate-limit time beside it. */
const HEADS = `SELECT o.*, COALESCE(s.next_send_ms, 0) AS send_ms FROM chat_outbox o
  LEFT JOIN chat_conversation_state s ON s.conversation_key = o.conversation_key
  WHERE o.seq IN (SELECT MIN(seq) FROM chat_outbox WHERE state = 'pending' GROUP BY conversation_key)`;

export class SqliteChatOutbox {
  constructor(private readonly db: Database.Database) {}

  add(items: readonly ChatOutboxItem[], at: string): number {
    const insert = this.db.prepare(
      `INSERT INTO chat_outbox (id, conversation_key, cc_message_id, kind, message, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    let added = 0;
    for (const { id, message } of items)
      added += insert.run(
        id,
        message.conversationKey,
        message.messageId,
        message.kind,
        JSON.stringify(message),
        at,
      ).changes;
    return added;
  }

  claim(nowMs: number, leaseMs: number, limit: number): ChatOutboxEntry[] {
    const rows = this.db
      .prepare<[number, number, number, number], ChatOutboxRow>(
        `SELECT ${COLS} FROM (${HEADS}) WHERE next_attempt_ms <= ? AND claimed_until_ms <= ?
         AND send_ms <= ? ORDER BY seq LIMIT ?`,
      )
      .all(nowMs, nowMs, nowMs, Math.max(0, Math.floor(limit)));
    const lease = this.db.prepare('UPDATE chat_outbox SET claimed_until_ms = ? WHERE id = ?');
    for (const row of rows) lease.run(nowMs + leaseMs, row.id);
    return rows.map(toChatOutboxEntry);
  }

  nextDueAt(): number | null {
    const row = this.db
      .prepare<[], { at: number | null }>(
        `SELECT MIN(MAX(next_attempt_ms, claimed_until_ms, send_ms)) AS at FROM (${HEADS})`,
      )
      .get();
    return row?.at ?? null;
  }

  retry(id: string, nextAttemptAtMs: number, error: string): void {
    const changes = this.db
      .prepare(
        `UPDATE chat_outbox SET attempts = attempts + 1, next_attempt_ms = ?, last_error = ?,
         claimed_until_ms = 0 WHERE id = ? AND state = 'pending'`,
      )
      .run(nextAttemptAtMs, error, id).changes;
    if (changes === 0) this.mustExist(id);
  }

  /** The settled entry, or null when it was no longer pending (settled already: change nothing more). */
  settle(id: string, outcome: ChatOutcome): ChatOutboxEntry | null {
    const changes = this.db
      .prepare(
        `UPDATE chat_outbox SET state = 'done', outcome = ?, attempts = attempts + 1, claimed_until_ms = 0
         WHERE id = ? AND state = 'pending'`,
      )
      .run(JSON.stringify(outcome), id).changes;
    if (changes === 0) {
      this.mustExist(id);
      return null;
    }
    return this.get(id);
  }

  unreported(limit: number): ChatOutboxEntry[] {
    return this.db
      .prepare<[number], ChatOutboxRow>(
        `SELECT ${COLS} FROM chat_outbox WHERE state = 'done' AND reported = 0 ORDER BY seq LIMIT ?`,
      )
      .all(Math.max(0, Math.floor(limit)))
      .map(toChatOutboxEntry);
  }

  markReported(id: string): void {
    const changes = this.db
      .prepare(`UPDATE chat_outbox SET reported = 1 WHERE id = ? AND state = 'done'`)
      .run(id).changes;
    if (changes === 0) this.mustExist(id);
  }

  of(key: string): ChatOutboxEntry[] {
    return this.db
      .prepare<[string], ChatOutboxRow>(
        `SELECT ${COLS} FROM chat_outbox WHERE conversation_key = ? ORDER BY seq`,
      )
      .all(key)
      .map(toChatOutboxEntry);
  }

  private get(id: string): ChatOutboxEntry | null {
    const row = this.db
      .prepare<[string], ChatOutboxRow>(`SELECT ${COLS} FROM chat_outbox WHERE id = ?`)
      .get(id);
    return row ? toChatOutboxEntry(row) : null;
  }

  private mustExist(id: string): void {
    if (!this.get(id))
      throw new CodedError('unknown_chat_outbox', `Chat outbox item "${id}" does not exist.`, { id });
  }
}
