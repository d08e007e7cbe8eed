// The first schema. Times are kept as the ISO strings we were given; where we compare times, an integer
// column of epoch milliseconds sits beside the string so "+02:00" and "Z" times order by instant.
export const sql = `
CREATE TABLE inbox_events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  agent_id TEXT NOT NULL,
  type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'applied', 'stale', 'superseded', 'failed', 'ignored')),
  processed_at TEXT
);
CREATE INDEX inbox_events_pending_by_agent ON inbox_events (agent_id, seq) WHERE status = 'pending';

CREATE TABLE agents (
  agent_id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  display_name TEXT NOT NULL,
  identities TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE links (
  agent_id TEXT PRIMARY KEY,
  teams_user_id TEXT NOT NULL UNIQUE,
  upn TEXT,
  created_at TEXT NOT NULL
);

CREATE TABLE agent_sync_state (
  agent_id TEXT PRIMARY KEY,
  cc_state TEXT,
  cc_state_at TEXT,
  cc_changed_by TEXT CHECK (cc_changed_by IN ('agent', 'system')),
  session TEXT,
  session_expires_ms INTEGER,
  teams TEXT,
  hold TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX agent_sync_state_session_expiry ON agent_sync_state (session_expires_ms)
  WHERE session_expires_ms IS NOT NULL;

CREATE TABLE decisions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  agent_id TEXT NOT NULL,
  at TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('cc-to-teams', 'teams-to-cc')),
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  action TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX decisions_by_agent ON decisions (agent_id, seq);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  agent_id TEXT NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  next_attempt_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  last_error TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'parked'))
);
CREATE INDEX outbox_pending_by_agent ON outbox (agent_id, seq) WHERE status = 'pending';
CREATE INDEX outbox_by_agent ON outbox (agent_id, seq);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`;
