// The PostgreSQL IdentityStore on the Store's pool. Row locks (FOR UPDATE) serialise attempts on one request,
// and a new link is inserted with ON CONFLICT DO NOTHING, so two instances linking at once cannot both win.
import type pg from 'pg';
import { CodedError } from '../../domain/errors';
import type { AgentId, TeamsUserId } from '../../domain/ids';
import type {
  AttemptClaim,
  IdentityStore,
  LinkConflict,
  LinkRequest,
  PlannedLink,
} from '../../ports/identity-store.port';
import type { Link, OutboundMessage } from '../../ports/store.port';
import {
  CONFLICT_COLUMNS,
  linkClash,
  linksChanged,
  REQUEST_COLUMNS,
  throwClash,
  toConflict,
  toLinkRequest,
  type ConflictRow,
  type LinkRequestRow,
} from '../identity-rows';
import { linkByAgent, linkByTeamsUser, putLink } from './links';
import { addOutbound } from './outbox';
import { inTransaction, type Queryable } from './transaction';

async function requestRow(db: Queryable, teamsUserId: string, lock = ''): Promise<LinkRequestRow | null> {
  const { rows } = await db.query<LinkRequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM link_requests WHERE teams_user_id = $1 ${lock}`,
    [teamsUserId],
  );
  return rows[0] ?? null;
}

/** Inserts a new link, or finds the same one; a race lost on either side is a conflict. */
async function linkOrThrow(db: Queryable, link: Link): Promise<'created' | 'unchanged'> {
  const clash = linkClash(
    link,
    await linkByAgent(db, link.agentId),
    await linkByTeamsUser(db, link.teamsUserId),
  );
  if (clash) throwClash(clash);
  const { rowCount } = await db
    .query(
      `INSERT INTO links (agent_id, teams_user_id, upn, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (agent_id) DO NOTHING`,
      [link.agentId, link.teamsUserId, link.upn ?? null, link.createdAt],
    )
    .catch((error: unknown) => {
      throw new CodedError(
        'link_conflict',
        'This Teams user was linked to another agent meanwhile.',
        undefined,
        {
          cause: error,
        },
      );
    });
  if (rowCount === 0) {
    const now = await linkByAgent(db, link.agentId);
    if (now?.teamsUserId === link.teamsUserId) return 'unchanged';
    throw new CodedError(
      'link_conflict',
      `Agent ${link.agentId} was linked to another Teams user meanwhile.`,
    );
  }
  await db.query('DELETE FROM link_conflicts WHERE agent_id = $1', [link.agentId]);
  return 'created';
}

export class PostgresIdentityStore implements IdentityStore {
  constructor(private readonly pool: pg.Pool) {}

  async putLinkRequest(
    request: LinkRequest,
    outbound: OutboundMessage,
    limit: { windowStart: string; maxPerWindow: number },
  ): Promise<number | 'rate_limited'> {
    return inTransaction(this.pool, async (db) => {
      const { rows } = await db.query<{ window_started_at: string; window_count: number }>(
        'SELECT window_started_at, window_count FROM link_requests WHERE teams_user_id = $1 FOR UPDATE',
        [request.teamsUserId],
      );
      const window = rows[0];
      const inWindow = window && Date.parse(window.window_started_at) > Date.parse(limit.windowStart);
      const count = inWindow ? Number(window.window_count) + 1 : 1;
      if (count > limit.maxPerWindow) return 'rate_limited';
      await db.query(
        `INSERT INTO link_requests (${REQUEST_COLUMNS}, window_started_at, window_count)
         VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $8)
         ON CONFLICT (teams_user_id) DO UPDATE SET agent_id = excluded.agent_id, upn = excluded.upn,
           code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0,
           created_at = excluded.created_at, window_started_at = excluded.window_started_at,
           window_count = excluded.window_count`,
        [
          request.teamsUserId,
          request.agentId,
          request.upn ?? null,
          request.codeHash,
          request.expiresAt,
          request.createdAt,
          inWindow ? window.window_started_at : request.createdAt,
          count,
        ],
      );
      await addOutbound(db, [outbound], request.createdAt);
      return count;
    });
  }

  async getLinkRequest(teamsUserId: TeamsUserId): Promise<LinkRequest | null> {
    const row = await requestRow(this.pool, teamsUserId);
    return row && row.code_hash !== '' ? toLinkRequest(row) : null;
  }

  async takeAttempt(teamsUserId: TeamsUserId, maxAttempts: number): Promise<AttemptClaim> {
    return inTransaction(this.pool, async (db): Promise<AttemptClaim> => {
      const row = await requestRow(db, teamsUserId, 'FOR UPDATE');
      if (!row || row.code_hash === '') return { kind: 'none' };
      if (Number(row.attempts) >= maxAttempts) return { kind: 'exhausted' };
      await db.query('UPDATE link_requests SET attempts = attempts + 1 WHERE teams_user_id = $1', [
        teamsUserId,
      ]);
      return { kind: 'claimed', request: toLinkRequest({ ...row, attempts: Number(row.attempts) + 1 }) };
    });
  }

  async withdrawLinkRequest(teamsUserId: TeamsUserId): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      `UPDATE link_requests SET code_hash = '' WHERE teams_user_id = $1 AND code_hash <> ''`,
      [teamsUserId],
    );
    return (rowCount ?? 0) > 0;
  }

  async completeLinkRequest(codeHash: string, link: Link): Promise<'created' | 'unchanged'> {
    return inTransaction(this.pool, async (db) => {
      const row = await requestRow(db, link.teamsUserId, 'FOR UPDATE');
      if (!row || row.code_hash !== codeHash || row.agent_id !== link.agentId) {
        throw new CodedError('request_replaced', 'The link request was replaced or withdrawn meanwhile.');
      }
      const outcome = await linkOrThrow(db, link);
      await db.query('DELETE FROM link_requests WHERE teams_user_id = $1', [link.teamsUserId]);
      return outcome;
    });
  }

  async linkIfFree(link: Link): Promise<'created' | 'unchanged' | 'conflict'> {
    return inTransaction(this.pool, async (db) => {
      const clash = linkClash(
        link,
        await linkByAgent(db, link.agentId),
        await linkByTeamsUser(db, link.teamsUserId),
      );
      if (clash) return 'conflict';
      return linkOrThrow(db, link).catch((error: unknown) => {
        if (error instanceof CodedError && error.code === 'link_conflict') return 'conflict' as const;
        throw error;
      });
    });
  }

  async applyLinks(planned: readonly PlannedLink[]): Promise<void> {
    await inTransaction(this.pool, async (db) => {
      for (const { link, before } of planned) {
        const { rows } = await db.query<{ teams_user_id: string }>(
          'SELECT teams_user_id FROM links WHERE agent_id = $1 FOR UPDATE',
          [link.agentId],
        );
        if ((rows[0]?.teams_user_id ?? null) !== before) linksChanged(link.agentId);
        if (before === null) await linkOrThrow(db, link);
        else await putLink(db, link);
        await db.query('DELETE FROM link_conflicts WHERE agent_id = $1', [link.agentId]);
      }
    });
  }

  async recordConflict(conflict: LinkConflict): Promise<void> {
    await this.pool.query(
      `INSERT INTO link_conflicts (${CONFLICT_COLUMNS}) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (agent_id, teams_user_id, source)
       DO UPDATE SET reason = excluded.reason, detected_at = excluded.detected_at`,
      [conflict.agentId, conflict.teamsUserId ?? '', conflict.source, conflict.reason, conflict.detectedAt],
    );
  }

  async listConflicts(limit: number): Promise<LinkConflict[]> {
    const { rows } = await this.pool.query<ConflictRow>(
      `SELECT ${CONFLICT_COLUMNS} FROM link_conflicts ORDER BY detected_at DESC, agent_id LIMIT $1`,
      [Math.max(0, Math.floor(limit))],
    );
    return rows.map(toConflict);
  }

  async clearConflicts(agentId: AgentId): Promise<void> {
    await this.pool.query('DELETE FROM link_conflicts WHERE agent_id = $1', [agentId]);
  }

  async autoLinkChecked(agentId: AgentId): Promise<string | null> {
    const { rows } = await this.pool.query<{ email: string }>(
      'SELECT email FROM auto_link_checks WHERE agent_id = $1',
      [agentId],
    );
    return rows[0]?.email ?? null;
  }

  async markAutoLinkChecked(agentId: AgentId, email: string, at: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO auto_link_checks (agent_id, email, checked_at) VALUES ($1, $2, $3)
       ON CONFLICT (agent_id) DO UPDATE SET email = excluded.email, checked_at = excluded.checked_at`,
      [agentId, email, at],
    );
  }

  async agentVersion(agentId: AgentId): Promise<string | null> {
    const { rows } = await this.pool.query<{ version: string | null }>(AGENT_VERSION_SQL, [agentId]);
    return rows[0]?.version ?? null;
  }
}

/** Each part changes when its table changes for the agent; null when the agent is unknown everywhere. */
const AGENT_VERSION_SQL = `SELECT CASE WHEN s IS NULL AND a IS NULL AND l IS NULL THEN NULL
  ELSE concat_ws('|', coalesce(a, ''), coalesce(s, ''), coalesce(d::text, ''), coalesce(l, ''), o)
  END AS version FROM (SELECT
  (SELECT updated_at::text FROM agents WHERE agent_id = $1) AS a,
  (SELECT updated_at::text FROM agent_sync_state WHERE agent_id = $1) AS s,
  (SELECT MAX(seq) FROM decisions WHERE agent_id = $1) AS d,
  (SELECT teams_user_id || created_at::text FROM links WHERE agent_id = $1) AS l,
  (SELECT COUNT(*) || '/' || coalesce(MAX(seq), 0) FROM outbox WHERE agent_id = $1 AND status <> 'delivered') AS o) v`;
