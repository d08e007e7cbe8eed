// Agent ↔ Teams user links, unique on both sides. The unique constraint on teams_user_id is the judge, so two
// instances linking the same Teams user at once cannot both win.
import { CodedError } from '../../domain/errors';
import type { AgentId, TeamsUserId } from '../../domain/ids';
import type { Link, LinkPage } from '../../ports/store.port';
import { toLink, type LinkRow } from './rows';
import { isUniqueViolation, type Queryable } from './transaction';

const COLUMNS = 'agent_id, teams_user_id, upn, created_at';

/** createdAt is kept while the agent stays linked to the same Teams user. */
export async function putLink(db: Queryable, link: Link): Promise<'created' | 'updated'> {
  try {
    const { rows } = await db.query<{ inserted: boolean }>(
      `INSERT INTO links AS l (${COLUMNS}) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agent_id) DO UPDATE SET teams_user_id = excluded.teams_user_id, upn = excluded.upn,
         created_at = CASE WHEN l.teams_user_id = excluded.teams_user_id THEN l.created_at ELSE excluded.created_at END
       RETURNING (xmax = 0) AS inserted`,
      [link.agentId, link.teamsUserId, link.upn ?? null, link.createdAt],
    );
    return rows[0]?.inserted ? 'created' : 'updated';
  } catch (error) {
    if (!isUniqueViolation(error, 'links_teams_user_id_key')) throw error;
    throw new CodedError(
      'link_conflict',
      `Teams user ${link.teamsUserId} is already linked to another agent.`,
      {
        teamsUserId: link.teamsUserId,
      },
      { cause: error },
    );
  }
}

export async function deleteLink(db: Queryable, agentId: AgentId): Promise<boolean> {
  const { rowCount } = await db.query('DELETE FROM links WHERE agent_id = $1', [agentId]);
  return (rowCount ?? 0) > 0;
}

export async function linkByAgent(db: Queryable, agentId: AgentId): Promise<Link | null> {
  const { rows } = await db.query<LinkRow>(`SELECT ${COLUMNS} FROM links WHERE agent_id = $1`, [agentId]);
  return rows[0] ? toLink(rows[0]) : null;
}

export async function linkByTeamsUser(db: Queryable, userId: TeamsUserId): Promise<Link | null> {
  const { rows } = await db.query<LinkRow>(`SELECT ${COLUMNS} FROM links WHERE teams_user_id = $1`, [userId]);
  return rows[0] ? toLink(rows[0]) : null;
}

export async function listLinks(db: Queryable, page?: LinkPage): Promise<Link[]> {
  // LIMIT NULL is no limit.
  const { rows } = await db.query<LinkRow>(
    `SELECT ${COLUMNS} FROM links WHERE agent_id > $1 ORDER BY agent_id LIMIT $2`,
    [page?.afterAgentId ?? '', page ? Math.max(0, Math.floor(page.limit)) : null],
  );
  return rows.map(toLink);
}
