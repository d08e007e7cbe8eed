export { openPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store';
export { PostgresChatStore } from './chat-store';
export { PostgresLeadership, type PostgresLeadershipOptions } from './leadership';
export { PostgresShardOwnership, type PostgresShardOptions } from './shard-ownership';
