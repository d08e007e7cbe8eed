// The decision log: append-only per agent, trimmed to the newest DECISIONS_KEPT_PER_AGENT in the same
// transaction as the append so it never grows without bound.
import type { Decision } from '../../domain/decision';
import type { AgentId } from '../../domain/ids';
import { decisionParams, toDecision, type DecisionRow } from './rows';
import type { Queryable } from './transaction';

export const DECISIONS_KEPT_PER_AGENT = 200;

/** Call inside a transaction. Decisions are appended in the order given (the last is the newest). */
export async function appendDecisions(db: Queryable, decisions: readonly Decision[]): Promise<void> {
  for (const d of decisions) {
    await db.query(
      `INSERT INTO decisions (agent_id, at, direction, from_state, to_state, action, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      decisionParams(d),
    );
  }
  for (const agentId of new Set(decisions.map((d) => d.agentId))) {
    await db.query(
      `DELETE FROM decisions WHERE agent_id = $1 AND seq <= (
         SELECT seq FROM decisions WHERE agent_id = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1)`,
      [agentId, DECISIONS_KEPT_PER_AGENT],
    );
  }
}

export async function listDecisions(db: Queryable, agentId: AgentId, limit: number): Promise<Decision[]> {
  const { rows } = await db.query<DecisionRow>(
    `SELECT agent_id, at, direction, from_state, to_state, action, reason FROM decisions
     WHERE agent_id = $1 ORDER BY seq DESC LIMIT $2`,
    [agentId, Math.max(0, Math.floor(limit))],
  );
  return rows.map(toDecision);
}
