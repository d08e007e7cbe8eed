// Pruning and backlog figures for the embedded store (StoreHousekeeping). Times compare as the ISO-8601 UTC
// strings the store writes (toISOString), which order as instants; a session's expiry uses its epoch column.
import type Database from 'better-sqlite3';
import type { OutboxBacklog, PruneCounts } from '../../ports/housekeeping.port';
import { epochMs } from './rows';

// Agents that are gone: nothing refers to them and nothing about them is live or pending.
const GONE_AGENTS = `SELECT s.agent_id FROM agent_sync_state s
  WHERE s.updated_at < @before AND s.cc_state IS NULL AND s.hold IS NULL
    AND (s.session IS NULL OR s.session_expires_ms < @beforeMs)
    AND NOT EXISTS (SELECT 1 FROM agents a WHERE a.agent_id = s.agent_id)
    AND NOT EXISTS (SELECT 1 FROM links l WHERE l.agent_id = s.agent_id)
    AND NOT EXISTS (SELECT 1 FROM inbox_events e WHERE e.agent_id = s.agent_id AND e.status = 'pending')
    AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.agent_id = s.agent_id AND o.status = 'pending')
  LIMIT @limit`;

interface PruneParams {
  readonly before: string;
  readonly beforeMs: number;
  readonly limit: number;
}

export class SqliteHousekeeping {
  private readonly inbox: Database.Statement<[PruneParams]>;
  private readonly outbox: Database.Statement<[PruneParams]>;
  private readonly gone: Database.Statement<[PruneParams], { agent_id: string }>;
  private readonly decisions: Database.Statement<[string]>;
  private readonly state: Database.Statement<[string]>;
  private readonly backlog: Database.Statement<[], { pending: number; oldest: string | null }>;

  constructor(db: Database.Database) {
    this.inbox = db.prepare(`DELETE FROM inbox_events WHERE seq IN (SELECT seq FROM inbox_events
      WHERE status <> 'pending' AND processed_at < @before LIMIT @limit)`);
    this.outbox = db.prepare(`DELETE FROM outbox WHERE seq IN (SELECT seq FROM outbox
      WHERE status = 'delivered' AND created_at < @before LIMIT @limit)`);
    this.gone = db.prepare(GONE_AGENTS);
    this.decisions = db.prepare('DELETE FROM decisions WHERE agent_id = ?');
    this.state = db.prepare('DELETE FROM agent_sync_state WHERE agent_id = ?');
    this.backlog = db.prepare(
      `SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'`,
    );
  }

  /** Call inside a transaction. */
  prune(before: string, limit: number): PruneCounts {
    const params = { before, beforeMs: epochMs(before, 'before'), limit: Math.max(1, Math.floor(limit)) };
    const inboxEvents = this.inbox.run(params).changes;
    const outboxMessages = this.outbox.run(params).changes;
    let decisions = 0;
    const gone = this.gone.all(params);
    for (const { agent_id } of gone) {
      decisions += this.decisions.run(agent_id).changes;
      this.state.run(agent_id);
    }
    return { inboxEvents, outboxMessages, agentStates: gone.length, decisions };
  }

  outboxBacklog(): OutboxBacklog {
    const row = this.backlog.get();
    return { pending: row?.pending ?? 0, oldestCreatedAt: row?.oldest ?? null };
  }
}
