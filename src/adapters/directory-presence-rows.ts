// SQL and row mapping for live directory presence (findTeamsUser, presenceTargets, markPresenceSent), written
// once for both databases with `?` placeholders, like directory-plans.ts.
import { addressKey, type DirectoryTeamsUser } from '../directory/contact';
import { agentId, teamsUserId, type TeamsUserId } from '../domain/ids';
import type { DirectoryPresenceTarget, PresenceRecord } from '../ports/directory-store.port';
import type { Row, SqlValue, Step } from './directory-plans';

const str = (v: SqlValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** UPN first, then mail: seed 001 matches the vendor's email to the Microsoft username. */
export function findTeamsUserStep(address: string): Step {
  const key = addressKey(address);
  return {
    sql: `SELECT teams_user_id, upn, mail, display_name, job_title FROM directory_teams
          WHERE upn_key = ? OR mail_key = ?
          ORDER BY CASE WHEN upn_key = ? THEN 0 ELSE 1 END, teams_user_id LIMIT 1`,
    params: [key, key, key],
  };
}

export function toTeamsUser(row: Row): DirectoryTeamsUser {
  const mail = str(row.mail);
  const jobTitle = str(row.job_title);
  return {
    teamsUserId: teamsUserId(str(row.teams_user_id) ?? ''),
    userPrincipalName: str(row.upn) ?? '',
    displayName: str(row.display_name) ?? '',
    ...(mail ? { mail } : {}),
    ...(jobTitle ? { jobTitle } : {}),
  };
}

/** Rows for presenceTargets; the ids are spelled out as placeholders (at most 1,000, well inside both limits). */
export function presenceTargetsStep(ids: readonly TeamsUserId[]): Step {
  const marks = ids.map(() => '?').join(', ');
  return {
    sql: `SELECT t.teams_user_id, t.upn, t.sent_presence, t.availability, t.activity, p.email, p.agent_id
          FROM directory_teams t LEFT JOIN directory_people p ON p.person_key = t.person_key
          WHERE t.teams_user_id IN (${marks})`,
    params: [...ids],
  };
}

export function toPresenceTarget(row: Row): DirectoryPresenceTarget {
  const availability = str(row.availability);
  const activity = str(row.activity);
  const agent = str(row.agent_id);
  return {
    teamsUserId: teamsUserId(str(row.teams_user_id) ?? ''),
    email: str(row.email) ?? str(row.upn) ?? '',
    agentId: agent === null ? null : agentId(agent),
    sentPresence: str(row.sent_presence),
    teams: availability !== null && activity !== null ? { availability, activity } : null,
  };
}

export function recordStep(record: PresenceRecord): Step {
  return {
    sql: `UPDATE directory_teams SET availability = ?, activity = ?, sent_presence = COALESCE(?, sent_presence)
          WHERE teams_user_id = ?`,
    params: [record.teams.availability, record.teams.activity, record.sent ?? null, record.teamsUserId],
  };
}

export const MAX_TARGET_IDS = 1000;
