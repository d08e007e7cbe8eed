// The embedded IdentityStore on the Store's own better-sqlite3 connection: same file, same owner, and a
// link made here is in the Store's links table. Every write is one IMMEDIATE transaction.
import type Database from 'better-sqlite3';
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
import { SqliteLinks } from './links';
import { SqliteOutbox } from './outbox';

export class SqliteIdentityStore implements IdentityStore {
  private readonly links: SqliteLinks;
  private readonly outbox: SqliteOutbox;

  constructor(private readonly db: Database.Database) {
    this.links = new SqliteLinks(db);
    this.outbox = new SqliteOutbox(db);
  }

  private write<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  private request(teamsUserId: string): LinkRequestRow | undefined {
    return this.db
      .prepare<[string], LinkRequestRow>(
        `SELECT ${REQUEST_COLUMNS} FROM link_requests WHERE teams_user_id = ?`,
      )
      .get(teamsUserId);
  }

  async putLinkRequest(
    request: LinkRequest,
    outbound: OutboundMessage,
    limit: { windowStart: string; maxPerWindow: number },
  ): Promise<number | 'rate_limited'> {
    return this.write(() => {
      const window = this.db
        .prepare<[string], { window_started_at: string; window_count: number }>(
          'SELECT window_started_at, window_count FROM link_requests WHERE teams_user_id = ?',
        )
        .get(request.teamsUserId);
      const inWindow = window && Date.parse(window.window_started_at) > Date.parse(limit.windowStart);
      const count = inWindow ? window.window_count + 1 : 1;
      if (count > limit.maxPerWindow) return 'rate_limited';
      this.db
        .prepare(
          `INSERT INTO link_requests (${REQUEST_COLUMNS}, window_started_at, window_count)
           VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)
           ON CONFLICT (teams_user_id) DO UPDATE SET agent_id = excluded.agent_id, upn = excluded.upn,
             code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0,
             created_at = excluded.created_at, window_started_at = excluded.window_started_at,
             window_count = excluded.window_count`,
        )
        .run(
          request.teamsUserId,
          request.agentId,
          request.upn ?? null,
          request.codeHash,
          request.expiresAt,
          request.createdAt,
          inWindow ? window.window_started_at : request.createdAt,
          count,
        );
      this.outbox.add([outbound], request.createdAt);
      return count;
    });
  }

  async getLinkRequest(teamsUserId: TeamsUserId): Promise<LinkRequest | null> {
    const row = this.request(teamsUserId);
    return row && row.code_hash !== '' ? toLinkRequest(row) : null;
  }

  async takeAttempt(teamsUserId: TeamsUserId, maxAttempts: number): Promise<AttemptClaim> {
    return this.write(() => {
      const row = this.request(teamsUserId);
      if (!row || row.code_hash === '') return { kind: 'none' } as const;
      if (row.attempts >= maxAttempts) return { kind: 'exhausted' } as const;
      this.db
        .prepare('UPDATE link_requests SET attempts = attempts + 1 WHERE teams_user_id = ?')
        .run(teamsUserId);
      return { kind: 'claimed', request: toLinkRequest({ ...row, attempts: row.attempts + 1 }) } as const;
    });
  }

  async withdrawLinkRequest(teamsUserId: TeamsUserId): Promise<boolean> {
    return this.write(
      () =>
        this.db
          .prepare(`UPDATE link_requests SET code_hash = '' WHERE teams_user_id = ? AND code_hash <> ''`)
          .run(teamsUserId).changes > 0,
    );
  }

  async completeLinkRequest(codeHash: string, link: Link): Promise<'created' | 'unchanged'> {
    return this.write(() => {
      const row = this.request(link.teamsUserId);
      if (!row || row.code_hash !== codeHash || row.agent_id !== link.agentId) {
        throw new CodedError('request_replaced', 'The link request was replaced or withdrawn meanwhile.');
      }
      const outcome = this.linkOrThrow(link);
      this.db.prepare('DELETE FROM link_requests WHERE teams_user_id = ?').run(link.teamsUserId);
      return outcome;
    });
  }

  private linkOrThrow(link: Link): 'created' | 'unchanged' {
    const ofAgent = this.links.getByAgent(link.agentId);
    const clash = linkClash(link, ofAgent, this.links.getByTeamsUser(link.teamsUserId));
    if (clash) throwClash(clash);
    if (ofAgent) return 'unchanged';
    this.links.put(link);
    this.db.prepare('DELETE FROM link_conflicts WHERE agent_id = ?').run(link.agentId);
    return 'created';
  }

  async linkIfFree(link: Link): Promise<'created' | 'unchanged' | 'conflict'> {
    return this.write(() => {
      const ofAgent = this.links.getByAgent(link.agentId);
      if (linkClash(link, ofAgent, this.links.getByTeamsUser(link.teamsUserId))) return 'conflict';
      return this.linkOrThrow(link);
    });
  }

  async applyLinks(planned: readonly PlannedLink[]): Promise<void> {
    this.write(() => {
      for (const { link, before } of planned) {
        if ((this.links.getByAgent(link.agentId)?.teamsUserId ?? null) !== before) linksChanged(link.agentId);
        this.links.put(link);
        this.db.prepare('DELETE FROM link_conflicts WHERE agent_id = ?').run(link.agentId);
      }
    });
  }

  async recordConflict(conflict: LinkConflict): Promise<void> {
    this.write(() =>
      this.db
        .prepare(
          `INSERT INTO link_conflicts (${CONFLICT_COLUMNS}) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (agent_id, teams_user_id, source)
           DO UPDATE SET reason = excluded.reason, detected_at = excluded.detected_at`,
        )
        .run(
          conflict.agentId,
          conflict.teamsUserId ?? '',
          conflict.source,
          conflict.reason,
          conflict.detectedAt,
        ),
    );
  }

  async listConflicts(limit: number): Promise<LinkConflict[]> {
    return this.db
      .prepare<[number], ConflictRow>(
        `SELECT ${CONFLICT_COLUMNS} FROM link_conflicts ORDER BY detected_at DESC, agent_id LIMIT ?`,
      )
      .all(Math.max(0, Math.floor(limit)))
      .map(toConflict);
  }

  async clearConflicts(agentId: AgentId): Promise<void> {
    this.write(() => this.db.prepare('DELETE FROM link_conflicts WHERE agent_id = ?').run(agentId));
  }

  async autoLinkChecked(agentId: AgentId): Promise<string | null> {
    const row = this.db
      .prepare<[string], { email: string }>('SELECT email FROM auto_link_checks WHERE agent_id = ?')
      .get(agentId);
    return row?.email ?? null;
  }

  async markAutoLinkChecked(agentId: AgentId, email: string, at: string): Promise<void> {
    this.write(() =>
      this.db
        .prepare(
          `INSERT INTO auto_link_checks (agent_id, email, checked_at) VALUES (?, ?, ?)
           ON CONFLICT (agent_id) DO UPDATE SET email = excluded.email, checked_at = excluded.checked_at`,
        )
        .run(agentId, email, at),
    );
  }

  async agentVersion(agentId: AgentId): Promise<string | null> {
    const row = this.db
      .prepare<{ id: string }, { version: string | null }>(AGENT_VERSION_SQL)
      .get({ id: agentId });
    return row?.version ?? null;
  }
}

/** Each part changes when its table changes for the agent; null when the agent is unknown everywhere. */
const AGENT_VERSION_SQL = `SELECT CASE WHEN s IS NULL AND a IS NULL AND l IS NULL THEN NULL
  ELSE coalesce(a, '') || '|' || coalesce(s, '') || '|' || coalesce(d, '') || '|' || coalesce(l, '') || '|' || o
  END AS version FROM (SELECT
  (SELECT updated_at FROM agents WHERE agent_id = @id) AS a,
  (SELECT updated_at FROM agent_sync_state WHERE agent_id = @id) AS s,
  (SELECT MAX(seq) FROM decisions WHERE agent_id = @id) AS d,
  (SELECT teams_user_id || created_at FROM links WHERE agent_id = @id) AS l,
  (SELECT COUNT(*) || '/' || coalesce(MAX(seq), 0) FROM outbox WHERE agent_id = @id AND status <> 'delivered') AS o)`;
