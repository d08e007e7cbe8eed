// The contact center's agent directory (from agent.upsert / agent.remove).
import type Database from 'better-sqlite3';
import type { AgentId } from '../../domain/ids';
import type { AgentRecord } from '../../ports/store.port';
import { toAgent, type AgentRow } from './rows';

export class SqliteAgents {
  private readonly one: Database.Statement<[string], AgentRow>;
  private readonly all: Database.Statement<[], AgentRow>;
  private readonly upsert: Database.Statement<[AgentRow & { updated_at: string }]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    const columns = 'agent_id, email, display_name, job_title, identities';
    this.one = db.prepare<[string], AgentRow>(`SELECT ${columns} FROM agents WHERE agent_id = ?`);
    this.all = db.prepare<[], AgentRow>(`SELECT ${columns} FROM agents ORDER BY agent_id`);
    this.upsert = db.prepare<[AgentRow & { updated_at: string }]>(
      `INSERT INTO agents (agent_id, email, display_name, job_title, identities, updated_at)
       VALUES (@agent_id, @email, @display_name, @job_title, @identities, @updated_at)
       ON CONFLICT (agent_id) DO UPDATE SET email = excluded.email, display_name = excluded.display_name,
         job_title = excluded.job_title, identities = excluded.identities, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>('DELETE FROM agents WHERE agent_id = ?');
  }

  put(agent: AgentRecord, at: string): void {
    this.upsert.run({
      agent_id: agent.agentId,
      email: agent.email,
      display_name: agent.displayName,
      job_title: agent.jobTitle ?? null,
      identities: JSON.stringify(agent.identities),
      updated_at: at,
    });
  }

  delete(agentId: AgentId): void {
    this.remove.run(agentId);
  }

  get(agentId: AgentId): AgentRecord | null {
    const row = this.one.get(agentId);
    return row ? toAgent(row) : null;
  }

  list(): AgentRecord[] {
    return this.all.all().map(toAgent);
  }
}
