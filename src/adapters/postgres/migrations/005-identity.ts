// Identity (issue 9): self-service link requests with hashed one-time codes and their attempts, link
// conflicts found by automatic linking and imports (for admins), and which email automatic linking last
// checked per agent. (004 is the chat schema.)
export const sql = `
CREATE TABLE link_requests (
  teams_user_id TEXT PRIMARY KEY,
  agent_id TEXT NOT NULL,
  upn TEXT,
  code_hash TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  window_started_at TEXT NOT NULL,
  window_count INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE link_conflicts (
  agent_id TEXT NOT NULL,
  teams_user_id TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('auto', 'import')),
  reason TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (agent_id, teams_user_id, source)
);
CREATE INDEX link_conflicts_detected ON link_conflicts (detected_at);

CREATE TABLE auto_link_checks (
  agent_id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  checked_at TEXT NOT NULL
);
`;
