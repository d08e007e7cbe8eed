// One row per agent holding everything the sync engine knows about it, read and written whole. A state that
// carries the version it was read at is written only if the row still has it (optimistic concurrency).
import type { AgentId } from '../../domain/ids';
import type { AgentSyncState, SessionPage } from '../../ports/store.port';
import { epochMs, stateParams, toState, type StateRow } from './rows';
import type { Queryable } from './transaction';

const COLUMNS =
  'agent_id, cc_state, cc_state_at, cc_changed_by, session, session_expires_ms, teams, hold, rich_presence';
type VersionedRow = StateRow & { readonly version: number };

const INSERT = `INSERT INTO agent_sync_state (${COLUMNS}, updated_at)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const BLIND = `${INSERT} ON CONFLICT (agent_id) DO UPDATE SET cc_state = excluded.cc_state,
  cc_state_at = excluded.cc_state_at, cc_changed_by = excluded.cc_changed_by, session = excluded.session,
  session_expires_ms = excluded.session_expires_ms, teams = excluded.teams, hold = excluded.hold,
  rich_presence = excluded.rich_presence, updated_at = excluded.updated_at, version = agent_sync_state.version + 1`;
const CHECKED = `UPDATE agent_sync_state SET cc_state = $2, cc_state_at = $3, cc_changed_by = $4, session = $5,
  session_expires_ms = $6, teams = $7, hold = $8, rich_presence = $9, updated_at = $10, version = version + 1
  WHERE agent_id = $1 AND version = $11`;

/**
 * Without a version the state is written blind; with 0 only if no row exists; with n only if the row is at n.
 * False when the version was stale (another commit came first): nothing was written.
 */
export async function putState(db: Queryable, state: AgentSyncState, at: string): Promise<boolean> {
  const params = [...stateParams(state), at];
  if (state.version === undefined) {
    await db.query(BLIND, params);
    return true;
  }
  const { rowCount } =
    state.version === 0
      ? await db.query(`${INSERT} ON CONFLICT (agent_id) DO NOTHING`, params)
      : await db.query(CHECKED, [...params, state.version]);
  return (rowCount ?? 0) > 0;
}

const versioned = (row: VersionedRow): AgentSyncState => ({ ...toState(row), version: row.version });

export async function getState(db: Queryable, agentId: AgentId): Promise<AgentSyncState | null> {
  const { rows } = await db.query<VersionedRow>(
    `SELECT ${COLUMNS}, version FROM agent_sync_state WHERE agent_id = $1`,
    [agentId],
  );
  return rows[0] ? versioned(rows[0]) : null;
}

export async function sessionsExpiringBefore(
  db: Queryable,
  isoTime: string,
  page?: SessionPage,
): Promise<AgentSyncState[]> {
  // Keyset paging on (session_expires_ms, agent_id): each page starts where the last one ended; LIMIT NULL is all.
  const after = page?.after ? epochMs(page.after.expiresAt, 'after.expiresAt') : Number.MIN_SAFE_INTEGER;
  const { rows } = await db.query<VersionedRow>(
    `SELECT ${COLUMNS}, version FROM agent_sync_state
     WHERE session_expires_ms IS NOT NULL AND session_expires_ms < $1
       AND (session_expires_ms, agent_id) > ($2, $3)
     ORDER BY session_expires_ms, agent_id LIMIT $4`,
    [
      epochMs(isoTime, 'isoTime'),
      after,
      page?.after?.agentId ?? '',
      page ? Math.max(0, Math.floor(page.limit)) : null,
    ],
  );
  return rows.map(versioned);
}
