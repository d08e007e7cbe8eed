// Issue 10 part 3: the status message and preferred presence we last set for the agent's Teams user, so a
// repeated state makes no Graph call and a restart knows what to clear. NULL: nothing set.
export const sql = `
ALTER TABLE agent_sync_state ADD COLUMN rich_presence TEXT;
`;
