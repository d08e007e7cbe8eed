export { openSqliteStore, SqliteStore } from './sqlite-store';
export type { SqlitePragmas } from './open-database';
export { SqliteChatStore } from './chat-store';
export { soleLeadership } from './leadership';
export { soleShardOwnership } from './shard-ownership';
