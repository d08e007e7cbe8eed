// Keeping the durable store from growing for ever, and the figures operators watch. Adapters: the SQLite and
// PostgreSQL stores; both pass test/store/contract/housekeeping.contract.ts.

/** How many rows one prune call deleted, by kind. */
export interface PruneCounts {
  readonly inboxEvents: number;
  readonly outboxMessages: number;
  readonly agentStates: number;
  readonly decisions: number;
}

export interface OutboxBacklog {
  /** Undelivered, not parked. */
  readonly pending: number;
  /** createdAt of the oldest pending message; null when none. */
  readonly oldestCreatedAt: string | null;
}

export interface StoreHousekeeping {
  /**
   * Deletes, in one transaction and at most `limit` rows of each kind, what no longer serves idempotency or
   * status: inbox events settled before `before` (their ids stop counting as duplicates), outbox messages
   * delivered that were created before it, and the state and decisions of agents that are gone (no agent
   * record, no link, no contact-center state, hold or live session, nothing pending) and untouched since
   * `before`. Never deletes pending or parked work. Call again while a count equals `limit`.
   */
  prune(before: string, limit: number): Promise<PruneCounts>;
  outboxBacklog(): Promise<OutboxBacklog>;
}
