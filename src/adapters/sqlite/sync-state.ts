// One row per agent holding everything the sync engine knows about it, read and written whole.
import type Database from 'better-sqlite3';
import type { AgentId } from '../../domain/ids';
import type { AgentSyncState } from '../../ports/store.port';
import { epochMs, fromState, toState, type StateRow } from './rows';

type StateParams = StateRow & { updated_at: string };

export class SqliteSyncStates {
  private readonly one: Database.Statement<[string], StateRow>;
  private readonly expiring: Database.Statement<[number], StateRow>;
  private readonly upsert: Database.Statement<[StateParams]>;

  constructor(db: Database.Database) {
    const columns =
      'agent_id, cc_state, cc_state_at, cc_changed_by, session, session_expires_ms, teams, hold';
    this.one = db.prepare<[string], StateRow>(`SELECT ${columns} FROM agent_sync_state WHERE agent_id = ?`);
    this.expiring = db.prepare<[number], StateRow>(
      `SELECT ${columns} FROM agent_sync_state
       WHERE session_expires_ms IS NOT NULL AND session_expires_ms < ? ORDER BY session_expires_ms, agent_id`,
    );
    this.upsert = db.prepare<[StateParams]>(
      `INSERT INTO agent_sync_state (${columns}, updated_at)
       VALUES (@agent_id, @cc_state, @cc_state_at, @cc_changed_by, @session, @session_expires_ms, @teams, @hold, @updated_at)
       ON CONFLICT (agent_id) DO UPDATE SET cc_state = excluded.cc_state, cc_state_at = excluded.cc_state_at,
         cc_changed_by = excluded.cc_changed_by, session = excluded.session,
         session_expires_ms = excluded.session_expires_ms, teams = excluded.teams, hold = excluded.hold,
         updated_at = excluded.updated_at`,
    );
  }

  put(state: AgentSyncState, at: string): void {
    this.upsert.run({ ...fromState(state), updated_at: at });
  }

  get(agentId: AgentId): AgentSyncState | null {
    const row = this.one.get(agentId);
    return row ? toState(row) : null;
  }

  expiringBefore(isoTime: string): AgentSyncState[] {
    return this.expiring.all(epochMs(isoTime, 'isoTime')).map(toState);
  }
}
