// One row per agent holding everything the sync engine knows about it, read and written whole.
import type { AgentId } from '../../domain/ids';
import type { AgentSyncState } from '../../ports/store.port';
import { epochMs, stateParams, toState, type StateRow } from './rows';
import type { Queryable } from './transaction';

const COLUMNS = 'agent_id, cc_state, cc_state_at, cc_changed_by, session, session_expires_ms, teams, hold';

export async function putState(db: Queryable, state: AgentSyncState, at: string): Promise<void> {
  await db.query(
    `INSERT INTO agent_sync_state (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (agent_id) DO UPDATE SET cc_state = excluded.cc_state, cc_state_at = excluded.cc_state_at,
       cc_changed_by = excluded.cc_changed_by, session = excluded.session,
       session_expires_ms = excluded.session_expires_ms, teams = excluded.teams, hold = excluded.hold,
       updated_at = excluded.updated_at`,
    [...stateParams(state), at],
  );
}

export async function getState(db: Queryable, agentId: AgentId): Promise<AgentSyncState | null> {
  const { rows } = await db.query<StateRow>(`SELECT ${COLUMNS} FROM agent_sync_state WHERE agent_id = $1`, [
    agentId,
  ]);
  return rows[0] ? toState(rows[0]) : null;
}

export async function sessionsExpiringBefore(db: Queryable, isoTime: string): Promise<AgentSyncState[]> {
  const { rows } = await db.query<StateRow>(
    `SELECT ${COLUMNS} FROM agent_sync_state WHERE session_expires_ms IS NOT NULL AND session_expires_ms < $1
     ORDER BY session_expires_ms, agent_id`,
    [epochMs(isoTime, 'isoTime')],
  );
  return rows.map(toState);
}
