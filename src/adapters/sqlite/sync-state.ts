// One row per agent holding everything the sync engine knows about it, read and written whole. A state that
// carries the version it was read at is written only if the row still has it (optimistic concurrency).
import type Database from 'better-sqlite3';
import type { AgentId } from '../../domain/ids';
import type { AgentSyncState, SessionPage } from '../../ports/store.port';
import { epochMs, fromState, toState, type StateRow } from './rows';

type StateParams = StateRow & { updated_at: string };
type VersionedRow = StateRow & { readonly version: number };

const COLUMNS =
  'agent_id, cc_state, cc_state_at, cc_changed_by, session, session_expires_ms, teams, hold, rich_presence';
const INSERT = `INSERT INTO agent_sync_state (${COLUMNS}, updated_at)
  VALUES (@agent_id, @cc_state, @cc_state_at, @cc_changed_by, @session, @session_expires_ms, @teams, @hold, @rich_presence, @updated_at)`;
const SET = `cc_state = @cc_state, cc_state_at = @cc_state_at, cc_changed_by = @cc_changed_by,
  session = @session, session_expires_ms = @session_expires_ms, teams = @teams, hold = @hold,
  rich_presence = @rich_presence, updated_at = @updated_at`;

const versioned = (row: VersionedRow): AgentSyncState => ({ ...toState(row), version: row.version });

export class SqliteSyncStates {
  private readonly one: Database.Statement<[string], VersionedRow>;
  private readonly expiring: Database.Statement<[number, number, number, string, number], VersionedRow>;
  private readonly blind: Database.Statement<[StateParams]>;
  private readonly insertNew: Database.Statement<[StateParams]>;
  private readonly checked: Database.Statement<[StateParams & { version: number }]>;

  constructor(db: Database.Database) {
    this.one = db.prepare<[string], VersionedRow>(
      `SELECT ${COLUMNS}, version FROM agent_sync_state WHERE agent_id = ?`,
    );
    // Keyset paging on (session_expires_ms, agent_id): each page starts where the last one ended.
    this.expiring = db.prepare<[number, number, number, string, number], VersionedRow>(
      `SELECT ${COLUMNS}, version FROM agent_sync_state
       WHERE session_expires_ms IS NOT NULL AND session_expires_ms < ?
         AND (session_expires_ms > ? OR (session_expires_ms = ? AND agent_id > ?))
       ORDER BY session_expires_ms, agent_id LIMIT ?`,
    );
    this.blind = db.prepare<[StateParams]>(
      `${INSERT} ON CONFLICT (agent_id) DO UPDATE SET ${SET}, version = agent_sync_state.version + 1`,
    );
    this.insertNew = db.prepare<[StateParams]>(`${INSERT} ON CONFLICT (agent_id) DO NOTHING`);
    this.checked = db.prepare<[StateParams & { version: number }]>(
      `UPDATE agent_sync_state SET ${SET}, version = version + 1 WHERE agent_id = @agent_id AND version = @version`,
    );
  }

  /**
   * Without a version the state is written blind; with 0 only if no row exists; with n only if the row is at
   * n. False when the version was stale (another commit came first): nothing was written.
   */
  put(state: AgentSyncState, at: string): boolean {
    const params = { ...fromState(state), updated_at: at };
    if (state.version === undefined) {
      this.blind.run(params);
      return true;
    }
    const result =
      state.version === 0
        ? this.insertNew.run(params)
        : this.checked.run({ ...params, version: state.version });
    return result.changes > 0;
  }

  get(agentId: AgentId): AgentSyncState | null {
    const row = this.one.get(agentId);
    return row ? versioned(row) : null;
  }

  expiringBefore(isoTime: string, page?: SessionPage): AgentSyncState[] {
    const after = page?.after ? epochMs(page.after.expiresAt, 'after.expiresAt') : Number.MIN_SAFE_INTEGER;
    const afterId = page?.after?.agentId ?? '';
    const limit = page ? Math.max(0, Math.floor(page.limit)) : -1;
    return this.expiring.all(epochMs(isoTime, 'isoTime'), after, after, afterId, limit).map(versioned);
  }
}
