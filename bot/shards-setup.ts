// Which agents this instance runs (issue 13): on PostgreSQL, the shards it holds advisory locks on; on the
// embedded store, all of them. The gate between the ownership and the sync engine is src/sync/shard-gate.ts.
import { PostgresShardOwnership } from '../src/adapters/postgres';
import { soleShardOwnership } from '../src/adapters/sqlite';
import type { Config } from '../src/config';
import type { AgentId } from '../src/domain/ids';
import type { Logger } from '../src/ports/logger.port';
import type { ShardOwnership } from '../src/ports/shard-ownership.port';
import type { Store } from '../src/ports/store.port';
import type { PresenceBudget } from '../src/sync/presence-budget';
import { ShardGate } from '../src/sync/shard-gate';
import { quotaShare } from '../src/sync/shards';

export interface Shards {
  readonly ownership: ShardOwnership;
  readonly gate: ShardGate;
}

export function shardOwnershipFor(config: Config, logger: Logger): ShardOwnership {
  if (!config.databaseUrl) return soleShardOwnership();
  return new PostgresShardOwnership({ url: config.databaseUrl, schema: config.databaseSchema, logger });
}

/** `kick` is the engine's (bound late: the engine is built with the gate). */
export function setUpShards(
  config: Config,
  store: Pick<Store, 'agentsWithPendingEvents'>,
  logger: Logger,
  kick: (agentId: AgentId) => void,
  budget: Pick<PresenceBudget, 'setQuota'>,
): Shards {
  const ownership = shardOwnershipFor(config, logger);
  const gate = new ShardGate({
    ownership,
    kick,
    pendingAgents: () => store.agentsWithPendingEvents(),
    logger,
    // The tenant's presence quota, split by the shares of the agents each instance runs (writes follow the
    // agents; the leader's polling reads fit in its part): nothing to coordinate per Graph call.
    shareChanged: (owned, count) => budget.setQuota(quotaShare(config.graphPresenceQuota, owned, count)),
  });
  return { ownership, gate };
}
