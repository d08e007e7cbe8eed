// Chat (issue 8): conversation references, the id map (unique on both sides: the contact center's id, and
// the Teams activity within its chat, whose ids are unique per chat only), the chat outbox with per-chat
// order and claims, and per-chat state (who wrote last, when the next send may go: the rate limit).
export const sql = `
CREATE TABLE chat_conversations (
  teams_user_id TEXT PRIMARY KEY,
  upn TEXT,
  tenant_id TEXT NOT NULL,
  service_url TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX chat_conversations_by_upn ON chat_conversations (upn) WHERE upn IS NOT NULL;

CREATE TABLE chat_message_map (
  cc_message_id TEXT PRIMARY KEY,
  conversation_key TEXT NOT NULL,
  teams_activity_id TEXT NOT NULL,
  agent_id TEXT NOT NULL,
  origin TEXT NOT NULL CHECK (origin IN ('cc', 'teams')),
  deleted_at TEXT,
  UNIQUE (conversation_key, teams_activity_id)
);

CREATE TABLE chat_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  conversation_key TEXT NOT NULL,
  cc_message_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0,
  claimed_until_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  outcome TEXT,
  reported INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE INDEX chat_outbox_pending ON chat_outbox (conversation_key, seq) WHERE state = 'pending';
CREATE INDEX chat_outbox_unreported ON chat_outbox (seq) WHERE state = 'done' AND reported = 0;
CREATE INDEX chat_outbox_by_message ON chat_outbox (cc_message_id);
CREATE INDEX chat_outbox_by_conversation ON chat_outbox (conversation_key, seq);

CREATE TABLE chat_conversation_state (
  conversation_key TEXT PRIMARY KEY,
  last_agent_id TEXT,
  next_send_ms INTEGER NOT NULL DEFAULT 0
);
`;
