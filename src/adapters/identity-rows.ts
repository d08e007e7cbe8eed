// Row mapping and conflict rules that the SQLite and PostgreSQL identity stores share.
import { CodedError } from '../domain/errors';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { LinkConflict, LinkRequest } from '../ports/identity-store.port';
import type { Link } from '../ports/store.port';

export interface LinkRequestRow {
  readonly teams_user_id: string;
  readonly agent_id: string;
  readonly upn: string | null;
  readonly code_hash: string;
  readonly expires_at: string;
  readonly attempts: number;
  readonly created_at: string;
}

export interface ConflictRow {
  readonly agent_id: string;
  readonly teams_user_id: string;
  readonly source: 'auto' | 'import';
  readonly reason: string;
  readonly detected_at: string;
}

export const REQUEST_COLUMNS = 'teams_user_id, agent_id, upn, code_hash, expires_at, attempts, created_at';
export const CONFLICT_COLUMNS = 'agent_id, teams_user_id, source, reason, detected_at';

export const toLinkRequest = (row: LinkRequestRow): LinkRequest => ({
  teamsUserId: row.teams_user_id as TeamsUserId,
  agentId: row.agent_id as AgentId,
  ...(row.upn === null ? {} : { upn: row.upn }),
  codeHash: row.code_hash,
  expiresAt: row.expires_at,
  attempts: Number(row.attempts),
  createdAt: row.created_at,
});

export const toConflict = (row: ConflictRow): LinkConflict => ({
  agentId: row.agent_id as AgentId,
  teamsUserId: row.teams_user_id === '' ? null : (row.teams_user_id as TeamsUserId),
  source: row.source,
  reason: row.reason,
  detectedAt: row.detected_at,
});

/** Why `link` cannot be made over the current links of its two sides, or null when it can. */
export function linkClash(
  link: Link,
  ofAgent: Link | null,
  ofUser: Link | null,
): { agentId: string; teamsUserId: string; message: string } | null {
  if (ofAgent && ofAgent.teamsUserId !== link.teamsUserId) {
    return {
      agentId: link.agentId,
      teamsUserId: ofAgent.teamsUserId,
      message: `Agent ${link.agentId} is already linked to another Teams user; unlink it first.`,
    };
  }
  if (ofUser && ofUser.agentId !== link.agentId) {
    return {
      agentId: ofUser.agentId,
      teamsUserId: link.teamsUserId,
      message: `This Teams user is already linked to agent ${ofUser.agentId}; unlink it first.`,
    };
  }
  return null;
}

export function throwClash(clash: NonNullable<ReturnType<typeof linkClash>>): never {
  // No ids in details: a self-service caller must not learn who holds the other side.
  throw new CodedError('link_conflict', clash.message);
}

export function linksChanged(agentId: string): never {
  throw new CodedError(
    'links_changed',
    `The link of agent ${agentId} changed since the plan was made; run the dry run again.`,
    { agentId },
  );
}
