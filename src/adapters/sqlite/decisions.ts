// The decision log: append-only per agent, trimmed to the newest DECISIONS_KEPT_PER_AGENT in the same
// transaction as the append so it never grows without bound.
import type Database from 'better-sqlite3';
import type { Decision } from '../../domain/decision';
import type { AgentId } from '../../domain/ids';
import { fromDecision, toDecision, type DecisionRow } from './rows';

export const DECISIONS_KEPT_PER_AGENT = 200;

export class SqliteDecisions {
  private readonly insert: Database.Statement<[DecisionRow]>;
  private readonly trim: Database.Statement<{ agent_id: string; keep: number }>;
  private readonly newest: Database.Statement<[string, number], DecisionRow>;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[DecisionRow]>(
      `INSERT INTO decisions (agent_id, at, direction, from_state, to_state, action, reason)
       VALUES (@agent_id, @at, @direction, @from_state, @to_state, @action, @reason)`,
    );
    this.trim = db.prepare<{ agent_id: string; keep: number }>(
      `DELETE FROM decisions WHERE agent_id = @agent_id AND seq <= (
         SELECT seq FROM decisions WHERE agent_id = @agent_id ORDER BY seq DESC LIMIT 1 OFFSET @keep)`,
    );
    this.newest = db.prepare<[string, number], DecisionRow>(
      `SELECT agent_id, at, direction, from_state, to_state, action, reason FROM decisions
       WHERE agent_id = ? ORDER BY seq DESC LIMIT ?`,
    );
  }

  /** Call inside a transaction. Decisions are appended in the order given (the last is the newest). */
  append(decisions: readonly Decision[]): void {
    const agents = new Set<string>();
    for (const d of decisions) {
      this.insert.run(fromDecision(d));
      agents.add(d.agentId);
    }
    for (const agent_id of agents) this.trim.run({ agent_id, keep: DECISIONS_KEPT_PER_AGENT });
  }

  list(agentId: AgentId, limit: number): Decision[] {
    return this.newest.all(agentId, Math.max(0, Math.floor(limit))).map(toDecision);
  }
}
