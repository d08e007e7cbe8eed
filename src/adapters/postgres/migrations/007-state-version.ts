// Issue 13: several instances may work on one agent; every state commit names the version it read and is
// refused if another commit came first. Existing rows start at 1.
export const sql = `
ALTER TABLE agent_sync_state ADD COLUMN version integer NOT NULL DEFAULT 1;
`;
