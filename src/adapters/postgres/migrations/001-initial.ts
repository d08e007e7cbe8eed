// The first schema (PostgreSQL dialect of src/adapters/sqlite/migrations/001-initial.ts). Times are kept as
// the ISO strings we were given; where we compare times, a bigint of epoch milliseconds sits beside the
// string so "+02:00" and "Z" times order by instant. JSON columns are json, not jsonb: stored verbatim, so
// a chat text with "\u0000" (which jsonb refuses) is accepted like any other.
export const sql = `
CREATE TABLE inbox_events (
  id text PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  agent_id text NOT NULL,
  type text NOT NULL,
  occurred_at text NOT NULL,
  payload json NOT NULL,
  received_at text NOT NULL,
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'applied', 'stale', 'superseded', 'failed', 'ignored')),
  processed_at text
);
CREATE INDEX inbox_events_pending_by_agent ON inbox_events (agent_id, seq) WHERE status = 'pending';

CREATE TABLE agents (
  agent_id text PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  identities json NOT NULL,
  updated_at text NOT NULL
);

CREATE TABLE links (
  agent_id text PRIMARY KEY,
  teams_user_id text NOT NULL CONSTRAINT links_teams_user_id_key UNIQUE,
  upn text,
  created_at text NOT NULL
);

CREATE TABLE agent_sync_state (
  agent_id text PRIMARY KEY,
  cc_state text,
  cc_state_at text,
  cc_changed_by text CHECK (cc_changed_by IN ('agent', 'system')),
  session json,
  session_expires_ms bigint,
  teams json,
  hold json,
  updated_at text NOT NULL
);
CREATE INDEX agent_sync_state_session_expiry ON agent_sync_state (session_expires_ms)
  WHERE session_expires_ms IS NOT NULL;

CREATE TABLE decisions (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  agent_id text NOT NULL,
  at text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('cc-to-teams', 'teams-to-cc')),
  from_state text NOT NULL,
  to_state text NOT NULL,
  action json NOT NULL,
  reason text NOT NULL
);
CREATE INDEX decisions_by_agent ON decisions (agent_id, seq);

CREATE TABLE outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  agent_id text NOT NULL,
  type text NOT NULL,
  body json NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at text NOT NULL,
  next_attempt_ms bigint NOT NULL,
  created_at text NOT NULL,
  last_error text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'parked'))
);
CREATE INDEX outbox_pending_by_agent ON outbox (agent_id, seq) WHERE status = 'pending';
CREATE INDEX outbox_by_agent ON outbox (agent_id, seq);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value text NOT NULL
);
`;
