// The durable inbox: every accepted event, keyed by its idempotency id, in arrival order (seq).
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import type { InboxEvent } from '../../domain/events';
import type { AgentId } from '../../domain/ids';
import type { AcceptResult, EventOutcome, InboxOutcome, StoredInboxEvent } from '../../ports/store.port';
import { toStoredEvent, type InboxRow } from './rows';

export class SqliteInbox {
  private readonly insert: Database.Statement;
  private readonly pendingAgents: Database.Statement<[number], { agent_id: string }>;
  private readonly pendingOf: Database.Statement<[string], InboxRow>;
  private readonly settle: Database.Statement;
  private readonly statusOf: Database.Statement<
    [string],
    { status: InboxOutcome | 'pending'; outcome_reason: string | null }
  >;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT INTO inbox_events (id, agent_id, type, occurred_at, payload, received_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.pendingAgents = db.prepare<[number], { agent_id: string }>(
      `SELECT agent_id FROM inbox_events WHERE status = 'pending' GROUP BY agent_id ORDER BY MIN(seq) LIMIT ?`,
    );
    this.pendingOf = db.prepare<[string], InboxRow>(
      `SELECT seq, payload, received_at FROM inbox_events
       WHERE agent_id = ? AND status = 'pending' ORDER BY seq`,
    );
    this.settle = db.prepare(
      `UPDATE inbox_events SET status = ?, outcome_reason = ?, processed_at = ?
       WHERE id = ? AND status = 'pending'`,
    );
    this.statusOf = db.prepare(`SELECT status, outcome_reason FROM inbox_events WHERE id = ?`);
  }

  /** Call inside a transaction. A repeated id, even within the batch, meets the unique key and is skipped. */
  accept(events: readonly InboxEvent[], receivedAt: string): AcceptResult {
    const agents = new Set<AgentId>();
    let accepted = 0;
    for (const e of events) {
      const { changes } = this.insert.run(
        e.id,
        e.agentId,
        e.type,
        e.occurredAt,
        JSON.stringify(e),
        receivedAt,
      );
      if (changes === 0) continue;
      accepted += 1;
      agents.add(e.agentId);
    }
    return { accepted, duplicates: events.length - accepted, agents: [...agents] };
  }

  /** `limit` < 0: all of them (SQLite's LIMIT -1). */
  agentsWithPending(limit: number): AgentId[] {
    return this.pendingAgents.all(limit).map((r) => r.agent_id as AgentId);
  }

  status(id: string): { status: InboxOutcome | 'pending'; reason: string | null } | null {
    const row = this.statusOf.get(id);
    return row ? { status: row.status, reason: row.outcome_reason } : null;
  }

  pending(agentId: AgentId): StoredInboxEvent[] {
    return this.pendingOf.all(agentId).map(toStoredEvent);
  }

  /** Call inside a transaction; throws when an event is unknown or already settled (e.g. by another worker). */
  settleAll(outcomes: readonly EventOutcome[], at: string): void {
    for (const { id, outcome, reason } of outcomes) {
      if (this.settle.run(outcome, reason ?? null, at, id).changes === 0) {
        throw new CodedError('event_not_pending', `Inbox event "${id}" is unknown or already processed.`, {
          id,
        });
      }
    }
  }
}
