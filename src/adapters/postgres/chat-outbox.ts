// The chat outbox in PostgreSQL (see src/adapters/sqlite/chat-outbox.ts for the rules). A claim is one UPDATE
// over the due heads locked FOR UPDATE SKIP LOCKED: of two instances claiming at once, the second skips the
// heads the first holds instead of waiting for them, and finds them leased afterwards.
import { CodedError } from '../../domain/errors';
import type { ChatOutboxEntry, ChatOutboxItem, ChatOutcome } from '../../ports/chat-store.port';
import { CHAT_OUTBOX_COLUMNS as COLS, toChatOutboxEntry, type ChatOutboxRow } from '../chat-rows';
import type { Queryable } from './transaction';

const HEADS = `SELECT o.*, COALESCE(s.next_send_ms, 0) AS send_ms FROM chat_outbox o
  LEFT JOIN chat_conversation_state s ON s.conversation_key = o.conversation_key
  WHERE o.seq IN (SELECT MIN(seq) FROM chat_outbox WHERE state = 'pending' GROUP BY conversation_key)`;

/** The columns of c, the updated row (picked has an id too). */
const QUALIFIED = COLS.split(',')
  .map((column) => `c.${column.trim()}`)
  .join(', ');

export async function addChatItems(
  db: Queryable,
  items: readonly ChatOutboxItem[],
  at: string,
): Promise<number> {
  let added = 0;
  for (const { id, message } of items) {
    const { rowCount } = await db.query(
      `INSERT INTO chat_outbox (id, conversation_key, cc_message_id, kind, message, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
      [id, message.conversationKey, message.messageId, message.kind, JSON.stringify(message), at],
    );
    added += rowCount ?? 0;
  }
  return added;
}

export async function claimChatItems(
  db: Queryable,
  nowMs: number,
  leaseMs: number,
  limit: number,
): Promise<ChatOutboxEntry[]> {
  const { rows } = await db.query<ChatOutboxRow>(
    `WITH picked AS MATERIALIZED (
       SELECT o.id FROM chat_outbox o
       LEFT JOIN chat_conversation_state s ON s.conversation_key = o.conversation_key
       WHERE o.seq IN (SELECT MIN(seq) FROM chat_outbox WHERE state = 'pending' GROUP BY conversation_key)
       AND o.next_attempt_ms <= $1 AND o.claimed_until_ms <= $1 AND COALESCE(s.next_send_ms, 0) <= $1
       ORDER BY o.seq LIMIT $3 FOR UPDATE OF o SKIP LOCKED)
     UPDATE chat_outbox c SET claimed_until_ms = $2 FROM picked
     WHERE c.id = picked.id AND c.state = 'pending' AND c.claimed_until_ms <= $1
     RETURNING ${QUALIFIED}`,
    [nowMs, nowMs + leaseMs, Math.max(0, Math.floor(limit))],
  );
  return rows.map(toChatOutboxEntry).sort((a, b) => a.seq - b.seq);
}

export async function nextChatDueAt(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ at: string | null }>(
    `SELECT MIN(GREATEST(next_attempt_ms, claimed_until_ms, send_ms)) AS at FROM (${HEADS}) h`,
  );
  const at = rows[0]?.at ?? null;
  return at === null ? null : Number(at);
}

export async function retryChatItem(db: Queryable, id: string, atMs: number, error: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE chat_outbox SET attempts = attempts + 1, next_attempt_ms = $2, last_error = $3,
     claimed_until_ms = 0 WHERE id = $1 AND state = 'pending'`,
    [id, atMs, error],
  );
  if (!rowCount) await mustExist(db, id);
}

/** The settled entry, or null when it was no longer pending. */
export async function settleChatItem(
  db: Queryable,
  id: string,
  outcome: ChatOutcome,
): Promise<ChatOutboxEntry | null> {
  const { rows } = await db.query<ChatOutboxRow>(
    `UPDATE chat_outbox SET state = 'done', outcome = $2, attempts = attempts + 1, claimed_until_ms = 0
     WHERE id = $1 AND state = 'pending' RETURNING ${COLS}`,
    [id, JSON.stringify(outcome)],
  );
  if (rows[0]) return toChatOutboxEntry(rows[0]);
  await mustExist(db, id);
  return null;
}

export async function unreportedChatItems(db: Queryable, limit: number): Promise<ChatOutboxEntry[]> {
  const { rows } = await db.query<ChatOutboxRow>(
    `SELECT ${COLS} FROM chat_outbox WHERE state = 'done' AND NOT reported ORDER BY seq LIMIT $1`,
    [Math.max(0, Math.floor(limit))],
  );
  return rows.map(toChatOutboxEntry);
}

export async function markChatReported(db: Queryable, id: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE chat_outbox SET reported = true WHERE id = $1 AND state = 'done'`,
    [id],
  );
  if (!rowCount) await mustExist(db, id);
}

export async function chatItemsOf(db: Queryable, key: string): Promise<ChatOutboxEntry[]> {
  const { rows } = await db.query<ChatOutboxRow>(
    `SELECT ${COLS} FROM chat_outbox WHERE conversation_key = $1 ORDER BY seq`,
    [key],
  );
  return rows.map(toChatOutboxEntry);
}

async function mustExist(db: Queryable, id: string): Promise<void> {
  const { rowCount } = await db.query('SELECT 1 FROM chat_outbox WHERE id = $1', [id]);
  if (!rowCount)
    throw new CodedError('unknown_chat_outbox', `Chat outbox item "${id}" does not exist.`, { id });
}
