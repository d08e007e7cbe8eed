// The durable inbox: every accepted event, keyed by its idempotency id, in arrival order (seq).
import { CodedError } from '../../domain/errors';
import type { InboxEvent } from '../../domain/events';
import type { AgentId } from '../../domain/ids';
import type { AcceptResult, EventOutcome, InboxOutcome, StoredInboxEvent } from '../../ports/store.port';
import { toStoredEvent, type InboxRow } from './rows';
import type { Queryable } from './transaction';

/** One statement for the whole batch, seq in batch order. A repeated id (earlier or in the batch) is skipped. */
export async function acceptEvents(
  db: Queryable,
  events: readonly InboxEvent[],
  receivedAt: string,
): Promise<AcceptResult> {
  const batch = firstOfEachId(events);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO inbox_events (id, agent_id, type, occurred_at, payload, received_at)
     SELECT id, agent_id, type, occurred_at, payload::json, $6
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       WITH ORDINALITY AS e (id, agent_id, type, occurred_at, payload, ord)
     ORDER BY ord
     ON CONFLICT (id) DO NOTHING
     RETURNING id`,
    [
      batch.map((e) => e.id),
      batch.map((e) => e.agentId),
      batch.map((e) => e.type),
      batch.map((e) => e.occurredAt),
      batch.map((e) => JSON.stringify(e)),
      receivedAt,
    ],
  );
  const inserted = new Set(rows.map((r) => r.id));
  const agents = new Set(batch.filter((e) => inserted.has(e.id)).map((e) => e.agentId));
  return { accepted: inserted.size, duplicates: events.length - inserted.size, agents: [...agents] };
}

function firstOfEachId(events: readonly InboxEvent[]): InboxEvent[] {
  const byId = new Map<string, InboxEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()];
}

export async function agentsWithPendingEvents(db: Queryable, limit?: number): Promise<AgentId[]> {
  // LIMIT NULL is no limit.
  const { rows } = await db.query<{ agent_id: string }>(
    `SELECT agent_id FROM inbox_events WHERE status = 'pending' GROUP BY agent_id ORDER BY MIN(seq) LIMIT $1`,
    [limit === undefined ? null : Math.max(0, Math.floor(limit))],
  );
  return rows.map((r) => r.agent_id as AgentId);
}

export async function eventStatus(
  db: Queryable,
  id: string,
): Promise<{ status: InboxOutcome | 'pending'; reason: string | null } | null> {
  const { rows } = await db.query<{ status: InboxOutcome | 'pending'; outcome_reason: string | null }>(
    `SELECT status, outcome_reason FROM inbox_events WHERE id = $1`,
    [id],
  );
  const row = rows[0];
  return row ? { status: row.status, reason: row.outcome_reason } : null;
}

export async function pendingEvents(db: Queryable, agentId: AgentId): Promise<StoredInboxEvent[]> {
  const { rows } = await db.query<InboxRow>(
    `SELECT seq, payload, received_at FROM inbox_events WHERE agent_id = $1 AND status = 'pending' ORDER BY seq`,
    [agentId],
  );
  return rows.map(toStoredEvent);
}

/** Call inside a transaction; throws when an event is unknown or already settled (e.g. by another worker). */
export async function settleEvents(
  db: Queryable,
  outcomes: readonly EventOutcome[],
  at: string,
): Promise<void> {
  if (outcomes.length === 0) return;
  const { rows } = await db.query<{ id: string }>(
    `UPDATE inbox_events AS i SET status = o.outcome, outcome_reason = o.reason, processed_at = $3
     FROM unnest($1::text[], $2::text[], $4::text[]) AS o (id, outcome, reason)
     WHERE i.id = o.id AND i.status = 'pending'
     RETURNING i.id`,
    [outcomes.map((o) => o.id), outcomes.map((o) => o.outcome), at, outcomes.map((o) => o.reason ?? null)],
  );
  // An id named twice is settled once, so its second mention fails just like an unknown id.
  const settled = new Set(rows.map((r) => r.id));
  const missing =
    outcomes.find((o) => !settled.has(o.id)) ??
    outcomes.find((o, i) => outcomes.findIndex((p) => p.id === o.id) !== i);
  if (missing) {
    throw new CodedError(
      'event_not_pending',
      `Inbox event "${missing.id}" is unknown or already processed.`,
      {
        id: missing.id,
      },
    );
  }
}
