// Chat (issue 8), PostgreSQL dialect of src/adapters/sqlite/migrations/002-chat.ts. The message column is
// text holding JSON we wrote (verbatim, like the json columns, and shared row mapping with SQLite).
export const sql = `
CREATE TABLE chat_conversations (
  teams_user_id text PRIMARY KEY,
  upn text,
  tenant_id text NOT NULL,
  service_url text NOT NULL,
  conversation_id text NOT NULL,
  updated_at text NOT NULL
);
CREATE INDEX chat_conversations_by_upn ON chat_conversations (upn) WHERE upn IS NOT NULL;

CREATE TABLE chat_message_map (
  cc_message_id text PRIMARY KEY,
  conversation_key text NOT NULL,
  teams_activity_id text NOT NULL,
  agent_id text NOT NULL,
  origin text NOT NULL CHECK (origin IN ('cc', 'teams')),
  deleted_at text,
  CONSTRAINT chat_message_map_teams_key UNIQUE (conversation_key, teams_activity_id)
);

CREATE TABLE chat_outbox (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  conversation_key text NOT NULL,
  cc_message_id text NOT NULL,
  kind text NOT NULL,
  message text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_ms bigint NOT NULL DEFAULT 0,
  claimed_until_ms bigint NOT NULL DEFAULT 0,
  last_error text,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  outcome text,
  reported boolean NOT NULL DEFAULT false,
  created_at text NOT NULL
);
CREATE INDEX chat_outbox_pending ON chat_outbox (conversation_key, seq) WHERE state = 'pending';
CREATE INDEX chat_outbox_unreported ON chat_outbox (seq) WHERE state = 'done' AND NOT reported;
CREATE INDEX chat_outbox_by_message ON chat_outbox (cc_message_id);
CREATE INDEX chat_outbox_by_conversation ON chat_outbox (conversation_key, seq);

CREATE TABLE chat_conversation_state (
  conversation_key text PRIMARY KEY,
  last_agent_id text,
  next_send_ms bigint NOT NULL DEFAULT 0
);
`;
