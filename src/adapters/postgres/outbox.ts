// Messages for the contact center, delivered at least once and in order per agent: only an agent's oldest
// pending entry is ever due. A parked entry (given up on) is out of the line and no longer holds it up.
import { CodedError } from '../../domain/errors';
import type { AgentId } from '../../domain/ids';
import type { OutboundMessage, OutboxEntry } from '../../ports/store.port';
import { epochMs, toOutboxEntry, type OutboxRow } from './rows';
import type { Queryable } from './transaction';

const COLUMNS = 'seq, id, agent_id, type, body, attempts, next_attempt_at, created_at, last_error, status';

/** Call inside a transaction. A new entry is due at once (next_attempt_ms 0), whatever the caller's clock. */
export async function addOutbound(
  db: Queryable,
  messages: readonly OutboundMessage[],
  at: string,
): Promise<void> {
  for (const m of messages) {
    const { rowCount } = await db.query(
      `INSERT INTO outbox (id, agent_id, type, body, next_attempt_at, next_attempt_ms, created_at)
       VALUES ($1, $2, $3, $4, $5, 0, $5) ON CONFLICT (id) DO NOTHING`,
      [m.id, m.agentId, m.type, JSON.stringify(m.body), at],
    );
    if (rowCount === 0) {
      throw new CodedError('duplicate_outbound', `Outbound message "${m.id}" already exists.`, { id: m.id });
    }
  }
}

export async function dueOutbound(db: Queryable, isoTime: string, limit: number): Promise<OutboxEntry[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE seq IN (
       SELECT MIN(seq) FROM outbox WHERE status = 'pending' GROUP BY agent_id)
     AND next_attempt_ms <= $1 ORDER BY seq LIMIT $2`,
    [epochMs(isoTime, 'isoTime'), Math.max(0, Math.floor(limit))],
  );
  return rows.map(toOutboxEntry);
}

/**
 * One statement: the due heads not leased to anyone, locked with SKIP LOCKED so a dispatcher claiming at the
 * same moment skips them instead of waiting, then leased to the caller until nowMs + leaseMs. The pick is a
 * materialised CTE: as an IN subquery PostgreSQL may run it more than once and claim beyond the limit.
 */
export async function claimOutbound(
  db: Queryable,
  isoTime: string,
  leaseMs: number,
  limit: number,
): Promise<OutboxEntry[]> {
  const now = epochMs(isoTime, 'isoTime');
  const { rows } = await db.query<OutboxRow>(
    `WITH picked AS MATERIALIZED (
       SELECT seq FROM outbox WHERE seq IN (
         SELECT MIN(seq) FROM outbox WHERE status = 'pending' GROUP BY agent_id)
       AND next_attempt_ms <= $1 AND claimed_until_ms <= $1 ORDER BY seq LIMIT $3 FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET claimed_until_ms = $2 FROM picked
     WHERE o.seq = picked.seq AND o.status = 'pending' AND o.claimed_until_ms <= $1
     RETURNING ${COLUMNS.split(', ')
       .map((c) => `o.${c}`)
       .join(', ')}`,
    [now, now + Math.max(0, Math.floor(leaseMs)), Math.max(0, Math.floor(limit))],
  );
  return rows.map(toOutboxEntry).sort((a, b) => a.seq - b.seq);
}

export async function outboundFor(db: Queryable, agentId: AgentId): Promise<OutboxEntry[]> {
  const { rows } = await db.query<OutboxRow>(
    `SELECT ${COLUMNS} FROM outbox WHERE agent_id = $1 AND status IN ('pending', 'parked') ORDER BY seq`,
    [agentId],
  );
  return rows.map(toOutboxEntry);
}

const PENDING = `WHERE id = $1 AND status = 'pending'`;

export async function markDelivered(db: Queryable, id: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, claimed_until_ms = 0 ${PENDING}`,
    [id],
  );
  await settled(db, id, rowCount);
}

export async function markRetry(
  db: Queryable,
  id: string,
  nextAttemptAt: string,
  error: string,
): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, next_attempt_ms = $3, last_error = $4,
     claimed_until_ms = 0 ${PENDING}`,
    [id, nextAttemptAt, epochMs(nextAttemptAt, 'nextAttemptAt'), error],
  );
  await settled(db, id, rowCount);
}

export async function markParked(db: Queryable, id: string, error: string): Promise<void> {
  const { rowCount } = await db.query(
    `UPDATE outbox SET status = 'parked', attempts = attempts + 1, last_error = $2, claimed_until_ms = 0 ${PENDING}`,
    [id, error],
  );
  await settled(db, id, rowCount);
}

/** Marking an entry that is no longer pending changes nothing; an unknown id is a caller's bug. */
async function settled(db: Queryable, id: string, rowCount: number | null): Promise<void> {
  if ((rowCount ?? 0) > 0) return;
  const { rows } = await db.query('SELECT 1 FROM outbox WHERE id = $1', [id]);
  if (rows.length === 0)
    throw new CodedError('unknown_outbound', `Outbound message "${id}" does not exist.`, { id });
}
