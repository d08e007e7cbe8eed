// Agent ↔ Teams user links, unique on both sides: one Teams user per agent and one agent per Teams user.
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import type { AgentId, TeamsUserId } from '../../domain/ids';
import type { Link, LinkPage } from '../../ports/store.port';
import { toLink, type LinkRow } from './rows';

export class SqliteLinks {
  private readonly byAgent: Database.Statement<[string], LinkRow>;
  private readonly byTeamsUser: Database.Statement<[string], LinkRow>;
  private readonly all: Database.Statement<[string, number], LinkRow>;
  private readonly insert: Database.Statement<[LinkRow]>;
  private readonly update: Database.Statement<[LinkRow]>;
  private readonly remove: Database.Statement<[string]>;

  constructor(db: Database.Database) {
    const columns = 'agent_id, teams_user_id, upn, created_at';
    this.byAgent = db.prepare<[string], LinkRow>(`SELECT ${columns} FROM links WHERE agent_id = ?`);
    this.byTeamsUser = db.prepare<[string], LinkRow>(`SELECT ${columns} FROM links WHERE teams_user_id = ?`);
    this.all = db.prepare<[string, number], LinkRow>(
      `SELECT ${columns} FROM links WHERE agent_id > ? ORDER BY agent_id LIMIT ?`,
    );
    this.insert = db.prepare<[LinkRow]>(
      'INSERT INTO links (agent_id, teams_user_id, upn, created_at) VALUES (@agent_id, @teams_user_id, @upn, @created_at)',
    );
    this.update = db.prepare<[LinkRow]>(
      'UPDATE links SET teams_user_id = @teams_user_id, upn = @upn, created_at = @created_at WHERE agent_id = @agent_id',
    );
    this.remove = db.prepare<[string]>('DELETE FROM links WHERE agent_id = ?');
  }

  /** Call inside a transaction. createdAt is kept while the agent stays linked to the same Teams user. */
  put(link: Link): 'created' | 'updated' {
    const holder = this.byTeamsUser.get(link.teamsUserId);
    if (holder && holder.agent_id !== link.agentId) {
      throw new CodedError(
        'link_conflict',
        `Teams user ${link.teamsUserId} is already linked to agent ${holder.agent_id}.`,
        {
          teamsUserId: link.teamsUserId,
          agentId: holder.agent_id,
        },
      );
    }
    const existing = this.byAgent.get(link.agentId);
    const row: LinkRow = {
      agent_id: link.agentId,
      teams_user_id: link.teamsUserId,
      upn: link.upn ?? null,
      created_at: existing?.teams_user_id === link.teamsUserId ? existing.created_at : link.createdAt,
    };
    if (!existing) {
      this.insert.run(row);
      return 'created';
    }
    this.update.run(row);
    return 'updated';
  }

  delete(agentId: AgentId): boolean {
    return this.remove.run(agentId).changes > 0;
  }

  getByAgent(agentId: AgentId): Link | null {
    const row = this.byAgent.get(agentId);
    return row ? toLink(row) : null;
  }

  getByTeamsUser(userId: TeamsUserId): Link | null {
    const row = this.byTeamsUser.get(userId);
    return row ? toLink(row) : null;
  }

  /** All links, or a page of them (LIMIT -1 is no limit in SQLite). */
  list(page?: LinkPage): Link[] {
    const limit = page ? Math.max(0, Math.floor(page.limit)) : -1;
    return this.all.all(page?.afterAgentId ?? '', limit).map(toLink);
  }
}
