// Which instance runs which agents' work (issue 13): agents fall into SHARD_COUNT shards (src/sync/shards.ts),
// each owned by one live instance. Adapters: src/adapters/postgres/shard-ownership.ts (a session-level
// advisory lock per shard on a dedicated connection, LISTEN/NOTIFY to wake an owner) and
// src/adapters/sqlite/shard-ownership.ts (the embedded store has one process: it owns every shard).
import type { AgentId } from '../domain/ids';

/** What the owner of shards is told; src/sync/shard-gate.ts implements it. */
export interface ShardEvents {
  /** These shards are owned here from now on: their pending work is to be run (read from the store). */
  gained(shards: readonly number[]): void;
  /** These shards are about to be given up to rebalance: resolves once none of their work runs here. */
  releasing(shards: readonly number[]): Promise<void>;
  /** These shards are no longer owned here (given up, or the connection failed): start none of their work. */
  lost(shards: readonly number[]): void;
  /** Another instance has new work for this agent, whose shard is owned here. */
  woken(agentId: AgentId): void;
}

export interface ShardOwnership {
  /** Starts taking shards and telling `events`; call once. Never throws. */
  start(events: ShardEvents): void;
  /** Wakes the owner of the agent's shard wherever it runs (call after the work is committed). Never throws. */
  wake(agentId: AgentId): void;
  /** The shards owned here and the live instances counted (diagnostics and tests). */
  status(): { readonly owned: readonly number[]; readonly instances: number };
  /** Gives up every shard (their work here drained first) so the other instances take them over. */
  close(): Promise<void>;
}
