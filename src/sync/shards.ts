// Agents are partitioned into a fixed number of shards by a hash of their id, and each shard is owned by one
// live instance (src/ports/shard-ownership.port.ts). 64 shards: enough that any number of instances up to 8
// gets a share within one shard (1/64 of the agents) of the fair one, and few enough that one connection
// holds them all as advisory locks and the planner's look at pg_locks stays one small query. The number is
// fixed: changing it moves agents between shards, so every instance of a deployment must agree on it.
import type { AgentId } from '../domain/ids';

export const SHARD_COUNT = 64;

/** FNV-1a (32 bit) of the id's UTF-16 code units: stable across processes and releases. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function shardOf(agentId: AgentId | string, count: number = SHARD_COUNT): number {
  return hash32(agentId) % count;
}

/** What the planner sees: the shards this instance owns, those another owns, and how many instances live. */
export interface ShardView {
  readonly count: number;
  readonly mine: ReadonlySet<number>;
  readonly others: ReadonlySet<number>;
  /** Live instances, this one included (at least 1). */
  readonly instances: number;
}

export interface ShardPlan {
  /** Free shards to try to lock, lowest first. */
  readonly take: readonly number[];
  /** Shards to give up (drained first), beyond this instance's fair share. */
  readonly release: readonly number[];
}

/** A fair share is ceil(count / instances): take free shards up to it, give up what is beyond it. */
export function fairShare(count: number, instances: number): number {
  return Math.ceil(count / Math.max(1, instances));
}

export function planShards(view: ShardView): ShardPlan {
  const fair = fairShare(view.count, view.instances);
  const mine = [...view.mine].sort((a, b) => a - b);
  if (mine.length > fair) return { take: [], release: mine.slice(fair) };
  const free: number[] = [];
  for (let s = 0; s < view.count && free.length < fair - mine.length; s += 1) {
    if (!view.mine.has(s) && !view.others.has(s)) free.push(s);
  }
  return { take: free, release: [] };
}

/**
 * An instance's part of the tenant's presence quota: quota × owned / count, rounded down, so the parts of
 * instances owning disjoint shards never add up to more than the quota (1 at least, for the odd call of an
 * instance that owns nothing yet).
 */
export function quotaShare(quota: number, owned: number, count: number = SHARD_COUNT): number {
  return Math.max(1, Math.floor((quota * owned) / count));
}
