// Issue 13: every state commit names the version it read and is refused if another commit came first (the
// embedded store has one process, but the rule is the Store's). Existing rows start at 1.
export const sql = `
ALTER TABLE agent_sync_state ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
`;
