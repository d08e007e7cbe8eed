// Row mapping that the SQLite and PostgreSQL stores share: both keep links as plain text columns and
// compare times by epoch milliseconds.
import { CodedError } from '../domain/errors';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { Link } from '../ports/store.port';

export interface LinkRow {
  readonly agent_id: string;
  readonly teams_user_id: string;
  readonly upn: string | null;
  readonly created_at: string;
}

export const toLink = (row: LinkRow): Link => ({
  agentId: row.agent_id as AgentId,
  teamsUserId: row.teams_user_id as TeamsUserId,
  ...(row.upn === null ? {} : { upn: row.upn }),
  createdAt: row.created_at,
});

/** Epoch milliseconds of an ISO time, so times with different offsets compare by instant. */
export function epochMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new CodedError('invalid_time', `${what} is not an ISO time: "${iso}".`);
  return ms;
}
