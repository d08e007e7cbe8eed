// Who runs what must run once per tenant: the Teams watch (the subscription manager and the poller, together
// since polling covers what live subscriptions do not), the session keeper, the pruner, the outbound dispatcher, the sweep
// for pending work another instance left (src/sync/pending-sweep.ts). Adapters: src/adapters/postgres/leadership.ts (an advisory lock per
// role, several instances) and src/adapters/sqlite/leadership.ts (the embedded store has one owner: it leads).

/** The roles that run on one instance at a time. */
export const LEADER_ROLES = ['teams-watch', 'session-keeper', 'pruner', 'outbound', 'sweeper'] as const;
export type LeaderRole = (typeof LEADER_ROLES)[number];

export interface Leadership {
  /**
   * Calls onChange(true) when this instance gains the role and onChange(false) when it loses it (its claim
   * is no longer certain); never twice in a row with the same value. Never throws.
   */
  watch(role: LeaderRole, onChange: (leading: boolean) => void): void;
  /** Whether this instance holds the role now. */
  leads(role: LeaderRole): boolean;
  /** Gives up every role (without calling onChange) so another instance can take them over. */
  close(): Promise<void>;
}

/** A role started where this instance leads it; stop() waits for its work in flight. */
export interface RunningRole {
  stop(): Promise<void> | void;
}
