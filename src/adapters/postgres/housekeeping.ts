// Pruning and backlog figures for the PostgreSQL store (StoreHousekeeping), the same rules as
// src/adapters/sqlite/housekeeping.ts. Times compare as the ISO-8601 UTC strings the store writes.
import type { OutboxBacklog, PruneCounts } from '../../ports/housekeeping.port';
import { epochMs } from '../store-rows';
import type { Queryable } from './transaction';

// Agents that are gone: nothing refers to them and nothing about them is live or pending.
const GONE_AGENTS = `SELECT s.agent_id FROM agent_sync_state s
  WHERE s.updated_at < $1 AND s.cc_state IS NULL AND s.hold IS NULL
    AND (s.session IS NULL OR s.session_expires_ms < $2)
    AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = s.agent_id)
    AND NOT EXISTS (SELECT 1 FROM links l WHERE l.agent_id = s.agent_id)
    AND NOT EXISTS (SELECT 1 FROM inbox_events e WHERE e.agent_id = s.agent_id AND e.status = 'pending')
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.agent_id = s.agent_id AND o.status = 'pending')
  LIMIT $3 FOR UPDATE OF s SKIP LOCKED`;

/** Call inside a transaction. */
export async function prune(db: Queryable, before: string, limit: number): Promise<PruneCounts> {
  const max = Math.max(1, Math.floor(limit));
  const inbox = await db.query(
    `DELETE FROM inbox_events WHERE seq IN (SELECT seq FROM inbox_events
       WHERE status <> 'pending' AND processed_at < $1 LIMIT $2)`,
    [before, max],
  );
  const outbox = await db.query(
    `DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox
       WHERE status = 'delivered' AND created_at < $1 LIMIT $2)`,
    [before, max],
  );
  const gone = (
    await db.query<{ agent_id: string }>(GONE_AGENTS, [before, epochMs(before, 'before'), max])
  ).rows.map((r) => r.agent_id);
  const decisions = await db.query('DELETE FROM decisions WHERE agent_id = ANY($1::text[])', [gone]);
  await db.query('DELETE FROM agent_sync_state WHERE agent_id = ANY($1::text[])', [gone]);
  return {
    inboxEvents: inbox.rowCount ?? 0,
    outboxMessages: outbox.rowCount ?? 0,
    agentStates: gone.length,
    decisions: decisions.rowCount ?? 0,
  };
}

export async function outboxBacklog(db: Queryable): Promise<OutboxBacklog> {
  const { rows } = await db.query<{ pending: string; oldest: string | null }>(
    `SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'`,
  );
  return { pending: Number(rows[0]?.pending ?? 0), oldestCreatedAt: rows[0]?.oldest ?? null };
}
