// Issue 13: a dispatcher claims the outbox entries it delivers (a lease until claimed_until_ms), so two
// dispatchers (say, the old and the new leader of the outbound role) never deliver one entry at once.
export const sql = `
ALTER TABLE outbox ADD COLUMN claimed_until_ms INTEGER NOT NULL DEFAULT 0;
`;
