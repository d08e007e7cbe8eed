// The contacts directory (seed 002): the contact center's people, the tenant's Teams users, the work
// presence of people, and the merged entries the directory lists, one per person (person_key: the lowercased
// email/UPN they merge by). The list reads directory_people in (rank, name_key, person_key) order through an
// index, with partial indexes per identity kind for the type filter and prefix indexes for search, so no
// request scans the table. agents gains the job title agent.upsert may carry. (004 and 005 are the chat and identity schemas.)
export const sql = `
ALTER TABLE agents ADD COLUMN job_title TEXT;

CREATE TABLE directory_agents (
  agent_id TEXT PRIMARY KEY,
  email_key TEXT NOT NULL,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  job_title TEXT,
  kinds TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX directory_agents_email ON directory_agents (email_key);

CREATE TABLE directory_teams (
  teams_user_id TEXT PRIMARY KEY,
  upn_key TEXT NOT NULL,
  mail_key TEXT,
  upn TEXT NOT NULL,
  mail TEXT,
  display_name TEXT NOT NULL,
  job_title TEXT,
  person_key TEXT NOT NULL,
  availability TEXT,
  activity TEXT,
  seen_round TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX directory_teams_upn ON directory_teams (upn_key);
CREATE INDEX directory_teams_mail ON directory_teams (mail_key);
CREATE INDEX directory_teams_person ON directory_teams (person_key);
CREATE INDEX directory_teams_round ON directory_teams (seen_round);

CREATE TABLE directory_work (
  email_key TEXT PRIMARY KEY,
  presence TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE directory_people (
  person_key TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  email_key TEXT NOT NULL,
  display_name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  surname_key TEXT NOT NULL,
  job_title TEXT,
  rank INTEGER NOT NULL,
  has_cc INTEGER NOT NULL,
  has_teams INTEGER NOT NULL,
  has_work INTEGER NOT NULL,
  agent_id TEXT,
  teams_user_id TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX directory_people_order ON directory_people (rank, name_key, person_key);
CREATE INDEX directory_people_cc ON directory_people (rank, name_key, person_key) WHERE has_cc = 1;
CREATE INDEX directory_people_teams ON directory_people (rank, name_key, person_key) WHERE has_teams = 1;
CREATE INDEX directory_people_work ON directory_people (rank, name_key, person_key) WHERE has_work = 1;
CREATE INDEX directory_people_name ON directory_people (name_key);
CREATE INDEX directory_people_surname ON directory_people (surname_key);
CREATE INDEX directory_people_email ON directory_people (email_key);

CREATE TABLE directory_sync (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
