// The contact center's agent directory (from agent.upsert / agent.remove).
import type { AgentId } from '../../domain/ids';
import type { AgentRecord } from '../../ports/store.port';
import { toAgent, type AgentRow } from './rows';
import type { Queryable } from './transaction';

const COLUMNS = 'agent_id, email, display_name, job_title, identities';

export async function upsertAgent(db: Queryable, agent: AgentRecord, at: string): Promise<void> {
  await db.query(
    `INSERT INTO agents (${COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (agent_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
       job_title = excluded.job_title, identities = excluded.identities, updated_at = excluded.updated_at`,
    [
      agent.agentId,
      agent.email,
      agent.displayName,
      agent.jobTitle ?? null,
      JSON.stringify(agent.identities),
      at,
    ],
  );
}

export async function removeAgents(db: Queryable, agentIds: readonly AgentId[]): Promise<void> {
  if (agentIds.length > 0) await db.query('DELETE FROM agents WHERE agent_id = ANY($1::text[])', [agentIds]);
}

export async function getAgent(db: Queryable, agentId: AgentId): Promise<AgentRecord | null> {
  const { rows } = await db.query<AgentRow>(`SELECT ${COLUMNS} FROM agents WHERE agent_id = $1`, [agentId]);
  return rows[0] ? toAgent(rows[0]) : null;
}

export async function listAgents(db: Queryable): Promise<AgentRecord[]> {
  const { rows } = await db.query<AgentRow>(`SELECT ${COLUMNS} FROM agents ORDER BY agent_id`);
  return rows.map(toAgent);
}
