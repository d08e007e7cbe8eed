// Indexes for pruning (StoreHousekeeping.prune): settled inbox events by when they were settled, delivered
// outbox messages by when they were queued. Partial, so pending work (the hot path) pays nothing for them.
// (002 is the chat schema.)
export const sql = `
CREATE INDEX inbox_events_settled_at ON inbox_events (processed_at) WHERE status <> 'pending';
CREATE INDEX outbox_delivered_created_at ON outbox (created_at) WHERE status = 'delivered';
`;
