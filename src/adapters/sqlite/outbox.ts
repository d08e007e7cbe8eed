// Messages for the contact center, delivered at least once and in order per agent: only an agent's oldest
// pending entry is ever due. A parked entry (given up on) is out of the line and no longer holds it up.
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import type { AgentId } from '../../domain/ids';
import type { OutboundMessage, OutboxEntry } from '../../ports/store.port';
import { epochMs, toOutboxEntry, type OutboxRow } from './rows';

const COLUMNS = 'seq, id, agent_id, type, body, attempts, next_attempt_at, created_at, last_error, status';

export class SqliteOutbox {
  private readonly insert: Database.Statement<[string, string, string, string, string, string]>;
  private readonly due: Database.Statement<[number, number], OutboxRow>;
  private readonly claim: Database.Statement<[{ until: number; now: number; limit: number }], OutboxRow>;
  private readonly ofAgent: Database.Statement<[string], OutboxRow>;
  private readonly exists: Database.Statement<[string], { id: string }>;
  private readonly delivered: Database.Statement<[string]>;
  private readonly retry: Database.Statement<[string, number, string, string]>;
  private readonly parked: Database.Statement<[string, string]>;

  constructor(db: Database.Database) {
    // A new entry is due at once (next_attempt_ms 0), whatever clock the caller of dueOutbound runs on.
    this.insert = db.prepare(
      `INSERT INTO outbox (id, agent_id, type, body, next_attempt_at, next_attempt_ms, created_at)
       VALUES (?, ?, ?, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING`,
    );
    this.due = db.prepare<[number, number], OutboxRow>(
      `SELECT ${COLUMNS} FROM outbox WHERE seq IN (
         SELECT MIN(seq) FROM outbox WHERE status = 'pending' GROUP BY agent_id)
       AND next_attempt_ms <= ? ORDER BY seq LIMIT ?`,
    );
    this.claim = db.prepare<[{ until: number; now: number; limit: number }], OutboxRow>(
      `UPDATE outbox SET claimed_until_ms = @until WHERE seq IN (
         SELECT seq FROM outbox WHERE seq IN (
           SELECT MIN(seq) FROM outbox WHERE status = 'pending' GROUP BY agent_id)
         AND next_attempt_ms <= @now AND claimed_until_ms <= @now ORDER BY seq LIMIT @limit)
       RETURNING ${COLUMNS}`,
    );
    this.ofAgent = db.prepare<[string], OutboxRow>(
      `SELECT ${COLUMNS} FROM outbox WHERE agent_id = ? AND status IN ('pending', 'parked') ORDER BY seq`,
    );
    this.exists = db.prepare<[string], { id: string }>('SELECT id FROM outbox WHERE id = ?');
    const pending = `WHERE id = ? AND status = 'pending'`;
    this.delivered = db.prepare(
      `UPDATE outbox SET status = 'delivered', attempts = attempts + 1, claimed_until_ms = 0 ${pending}`,
    );
    this.retry = db.prepare(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, next_attempt_ms = ?, last_error = ?,
       claimed_until_ms = 0 ${pending}`,
    );
    this.parked = db.prepare(
      `UPDATE outbox SET status = 'parked', attempts = attempts + 1, last_error = ?, claimed_until_ms = 0 ${pending}`,
    );
  }

  /** Call inside a transaction. */
  add(messages: readonly OutboundMessage[], at: string): void {
    for (const m of messages) {
      if (this.insert.run(m.id, m.agentId, m.type, JSON.stringify(m.body), at, at).changes === 0) {
        throw new CodedError('duplicate_outbound', `Outbound message "${m.id}" already exists.`, {
          id: m.id,
        });
      }
    }
  }

  dueAt(isoTime: string, limit: number): OutboxEntry[] {
    return this.due.all(epochMs(isoTime, 'isoTime'), Math.max(0, Math.floor(limit))).map(toOutboxEntry);
  }

  /** Call inside a write transaction. */
  claimAt(isoTime: string, leaseMs: number, limit: number): OutboxEntry[] {
    const now = epochMs(isoTime, 'isoTime');
    const until = now + Math.max(0, Math.floor(leaseMs));
    const rows = this.claim.all({ until, now, limit: Math.max(0, Math.floor(limit)) });
    return rows.map(toOutboxEntry).sort((a, b) => a.seq - b.seq);
  }

  forAgent(agentId: AgentId): OutboxEntry[] {
    return this.ofAgent.all(agentId).map(toOutboxEntry);
  }

  markDelivered(id: string): void {
    this.settled(id, this.delivered.run(id).changes);
  }

  markRetry(id: string, nextAttemptAt: string, error: string): void {
    this.settled(
      id,
      this.retry.run(nextAttemptAt, epochMs(nextAttemptAt, 'nextAttemptAt'), error, id).changes,
    );
  }

  markParked(id: string, error: string): void {
    this.settled(id, this.parked.run(error, id).changes);
  }

  /** Marking an entry that is no longer pending changes nothing; an unknown id is a caller's bug. */
  private settled(id: string, changes: number): void {
    if (changes === 0 && !this.exists.get(id)) {
      throw new CodedError('unknown_outbound', `Outbound message "${id}" does not exist.`, { id });
    }
  }
}
