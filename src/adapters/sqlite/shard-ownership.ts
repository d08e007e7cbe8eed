// The embedded store has one owner process (bot/data-dir-lock.ts): it owns every shard, and nobody else
// needs waking.
import type { ShardEvents, ShardOwnership } from '../../ports/shard-ownership.port';
import { SHARD_COUNT } from '../../sync/shards';

export function soleShardOwnership(count: number = SHARD_COUNT): ShardOwnership {
  const all = Array.from({ length: count }, (_, s) => s);
  let events: ShardEvents | null = null;
  return {
    start(e) {
      if (events) return;
      events = e;
      e.gained(all);
    },
    wake: () => undefined,
    status: () => ({ owned: events ? all : [], instances: 1 }),
    async close() {
      await events?.releasing(all);
      events?.lost(all);
      events = null;
    },
  };
}
