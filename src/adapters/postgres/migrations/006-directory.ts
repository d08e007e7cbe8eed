// The contacts directory (seed 002): the contact center's people, the tenant's Teams users, the work
// presence of people, and the merged entries the directory lists, one per person (person_key: the lowercased
// email/UPN they merge by). The list reads directory_people in (rank, name_key, person_key) order through an
// index, with partial indexes per identity kind for the type filter and prefix indexes for search, so no
// request scans the table. agents gains the job title agent.upsert may carry. Keys are COLLATE "C" so they compare bytewise, as in SQLite. (004 and 005 are the
// chat and identity schemas.)
export const sql = `
ALTER TABLE agents ADD COLUMN job_title text;

CREATE TABLE directory_agents (
  agent_id text PRIMARY KEY,
  email_key text COLLATE "C" NOT NULL,
  email text NOT NULL,
  display_name text NOT NULL,
  job_title text,
  kinds text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX directory_agents_email ON directory_agents (email_key);

CREATE TABLE directory_teams (
  teams_user_id text PRIMARY KEY,
  upn_key text COLLATE "C" NOT NULL,
  mail_key text COLLATE "C",
  upn text NOT NULL,
  mail text,
  display_name text NOT NULL,
  job_title text,
  person_key text COLLATE "C" NOT NULL,
  availability text,
  activity text,
  seen_round text,
  updated_at text NOT NULL
);
CREATE INDEX directory_teams_upn ON directory_teams (upn_key);
CREATE INDEX directory_teams_mail ON directory_teams (mail_key);
CREATE INDEX directory_teams_person ON directory_teams (person_key);
CREATE INDEX directory_teams_round ON directory_teams (seen_round);

CREATE TABLE directory_work (
  email_key text COLLATE "C" PRIMARY KEY,
  presence text NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE directory_people (
  person_key text COLLATE "C" PRIMARY KEY,
  email text NOT NULL,
  email_key text COLLATE "C" NOT NULL,
  display_name text NOT NULL,
  name_key text COLLATE "C" NOT NULL,
  surname_key text COLLATE "C" NOT NULL,
  job_title text,
  rank integer NOT NULL,
  has_cc integer NOT NULL,
  has_teams integer NOT NULL,
  has_work integer NOT NULL,
  agent_id text,
  teams_user_id text,
  updated_at text NOT NULL
);
CREATE INDEX directory_people_order ON directory_people (rank, name_key, person_key);
CREATE INDEX directory_people_cc ON directory_people (rank, name_key, person_key) WHERE has_cc = 1;
CREATE INDEX directory_people_teams ON directory_people (rank, name_key, person_key) WHERE has_teams = 1;
CREATE INDEX directory_people_work ON directory_people (rank, name_key, person_key) WHERE has_work = 1;
CREATE INDEX directory_people_name ON directory_people (name_key);
CREATE INDEX directory_people_surname ON directory_people (surname_key);
CREATE INDEX directory_people_email ON directory_people (email_key);

CREATE TABLE directory_sync (
  name text PRIMARY KEY,
  value text NOT NULL
);
`;
