// The DirectoryStore's writes, written once for both databases as plans: generators that yield SQL steps
// (`?` placeholders, SQL both dialects run) and receive their rows. SQLite runs a plan synchronously inside
// one IMMEDIATE transaction, PostgreSQL step by step inside one transaction, so the merge rules live here once.
import {
  addressKey,
  agentKinds,
  nameKey,
  rankOf,
  surnameKey,
  type DirectoryAgent,
  type DirectoryTeamsUser,
} from '../directory/contact';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;
export interface Step {
  readonly sql: string;
  readonly params: readonly SqlValue[];
}
export type Plan<T> = Generator<Step, T, Row[]>;

function* query(sql: string, ...params: SqlValue[]): Plan<Row[]> {
  return yield { sql, params };
}

const str = (v: SqlValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** Runs a plan against a synchronous executor (SQLite). */
export function runPlanSync<T>(plan: Plan<T>, exec: (step: Step) => Row[]): T {
  let next = plan.next();
  while (!next.done) next = plan.next(exec(next.value));
  return next.value;
}

/** Runs a plan against an asynchronous executor (PostgreSQL). */
export async function runPlan<T>(plan: Plan<T>, exec: (step: Step) => Promise<Row[]>): Promise<T> {
  let next = plan.next();
  while (!next.done) next = plan.next(await exec(next.value));
  return next.value;
}

/** A Teams user's person: the agent whose email is their UPN, else their mail, else their own UPN. */
function* teamsPersonKey(upnKey: string, mailKey: string | null): Plan<string> {
  for (const key of [upnKey, mailKey]) {
    if (key === null) continue;
    const rows = yield* query('SELECT 1 AS hit FROM directory_agents WHERE email_key = ? LIMIT 1', key);
    if (rows.length > 0) return key;
  }
  return upnKey;
}

/** Re-decides the person of every Teams user matching these addresses; adds the persons touched. */
function* reassignTeams(addresses: readonly string[], touched: Set<string>): Plan<void> {
  for (const key of addresses) {
    const users = yield* query(
      'SELECT teams_user_id, upn_key, mail_key, person_key FROM directory_teams WHERE upn_key = ? OR mail_key = ?',
      key,
      key,
    );
    for (const u of users) {
      const person = yield* teamsPersonKey(str(u.upn_key) ?? '', str(u.mail_key));
      if (person === u.person_key) continue;
      yield* query(
        'UPDATE directory_teams SET person_key = ? WHERE teams_user_id = ?',
        person,
        u.teams_user_id!,
      );
      touched.add(person).add(str(u.person_key) ?? person);
    }
  }
}

const PEOPLE_COLUMNS =
  'person_key, email, email_key, display_name, name_key, surname_key, job_title, rank, has_cc, has_teams, ' +
  'has_work, agent_id, teams_user_id, updated_at';

/** Rewrites the merged entry of each person from their sources (or deletes it when none is left). */
function* rebuild(keys: Iterable<string>, now: string): Plan<void> {
  for (const key of keys) {
    const [agent] = yield* query(
      'SELECT agent_id, email, display_name, job_title, kinds FROM directory_agents WHERE email_key = ? ORDER BY agent_id LIMIT 1',
      key,
    );
    const [teams] = yield* query(
      `SELECT teams_user_id, upn, mail, display_name, job_title FROM directory_teams WHERE person_key = ?
       ORDER BY CASE WHEN upn_key = ? THEN 0 ELSE 1 END, teams_user_id LIMIT 1`,
      key,
      key,
    );
    if (!agent && !teams) {
      yield* query('DELETE FROM directory_people WHERE person_key = ?', key);
      continue;
    }
    const kinds = (str(agent?.kinds) ?? '').split(',');
    const has = {
      cc: kinds.includes('contact-center'),
      teams: teams !== undefined,
      work: kinds.includes('work'),
    };
    const displayName = str(agent?.display_name) ?? str(teams?.display_name) ?? key;
    const email = str(agent?.email) ?? str(teams?.mail) ?? str(teams?.upn) ?? key;
    yield* query(
      `INSERT INTO directory_people (${PEOPLE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (person_key) DO UPDATE SET email = excluded.email, email_key = excluded.email_key,
         display_name = excluded.display_name, name_key = excluded.name_key, surname_key = excluded.surname_key,
         job_title = excluded.job_title, rank = excluded.rank, has_cc = excluded.has_cc,
         has_teams = excluded.has_teams, has_work = excluded.has_work, agent_id = excluded.agent_id,
         teams_user_id = excluded.teams_user_id, updated_at = excluded.updated_at`,
      key,
      email,
      addressKey(email),
      displayName,
      nameKey(displayName),
      surnameKey(displayName),
      str(agent?.job_title) ?? str(teams?.job_title),
      rankOf(has),
      has.cc ? 1 : 0,
      has.teams ? 1 : 0,
      has.work ? 1 : 0,
      str(agent?.agent_id),
      str(teams?.teams_user_id),
      now,
    );
  }
}

export function* putAgentPlan(agent: DirectoryAgent, now: string): Plan<void> {
  const key = addressKey(agent.email);
  const [old] = yield* query('SELECT email_key FROM directory_agents WHERE agent_id = ?', agent.agentId);
  yield* query(
    `INSERT INTO directory_agents (agent_id, email_key, email, display_name, job_title, kinds, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (agent_id) DO UPDATE SET email_key = excluded.email_key, email = excluded.email,
       display_name = excluded.display_name, job_title = excluded.job_title, kinds = excluded.kinds,
       updated_at = excluded.updated_at`,
    agent.agentId,
    key,
    agent.email,
    agent.displayName,
    agent.jobTitle ?? null,
    agentKinds(agent.identities).join(','),
    now,
  );
  const addresses = [key, ...(old && old.email_key !== key ? [str(old.email_key) ?? key] : [])];
  const touched = new Set(addresses);
  yield* reassignTeams(addresses, touched);
  yield* rebuild(touched, now);
}

export function* removeAgentPlan(agentId: string, now: string): Plan<void> {
  const [old] = yield* query('SELECT email_key FROM directory_agents WHERE agent_id = ?', agentId);
  if (!old) return;
  yield* query('DELETE FROM directory_agents WHERE agent_id = ?', agentId);
  const key = str(old.email_key) ?? '';
  const touched = new Set([key]);
  yield* reassignTeams([key], touched);
  yield* rebuild(touched, now);
}

export function* putTeamsUsersPlan(
  users: readonly DirectoryTeamsUser[],
  round: string | null,
  now: string,
): Plan<void> {
  const touched = new Set<string>();
  for (const user of users) {
    const upnKey = addressKey(user.userPrincipalName);
    const mailKey = user.mail ? addressKey(user.mail) : null;
    const [old] = yield* query(
      'SELECT person_key FROM directory_teams WHERE teams_user_id = ?',
      user.teamsUserId,
    );
    const person = yield* teamsPersonKey(upnKey, mailKey);
    yield* query(
      `INSERT INTO directory_teams (teams_user_id, upn_key, mail_key, upn, mail, display_name, job_title, person_key,
         seen_round, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (teams_user_id) DO UPDATE SET upn_key = excluded.upn_key, mail_key = excluded.mail_key,
         upn = excluded.upn, mail = excluded.mail, display_name = excluded.display_name,
         job_title = excluded.job_title, person_key = excluded.person_key,
         seen_round = COALESCE(excluded.seen_round, directory_teams.seen_round), updated_at = excluded.updated_at`,
      user.teamsUserId,
      upnKey,
      mailKey,
      user.userPrincipalName,
      user.mail ?? null,
      user.displayName,
      user.jobTitle ?? null,
      person,
      round,
      now,
    );
    touched.add(person);
    if (old) touched.add(str(old.person_key) ?? person);
  }
  yield* rebuild(touched, now);
}

export function* removeTeamsUsersPlan(ids: readonly string[], now: string): Plan<number> {
  const touched = new Set<string>();
  for (const id of ids) {
    const [old] = yield* query('SELECT person_key FROM directory_teams WHERE teams_user_id = ?', id);
    if (!old) continue;
    yield* query('DELETE FROM directory_teams WHERE teams_user_id = ?', id);
    touched.add(str(old.person_key) ?? '');
  }
  yield* rebuild(touched, now);
  return touched.size;
}

export function* removeTeamsNotInPlan(round: string, now: string): Plan<number> {
  const stale = yield* query(
    'SELECT teams_user_id FROM directory_teams WHERE seen_round IS NULL OR seen_round <> ?',
    round,
  );
  yield* removeTeamsUsersPlan(
    stale.map((r) => str(r.teams_user_id) ?? ''),
    now,
  );
  return stale.length;
}
