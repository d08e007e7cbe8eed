export { openPostgresStore, PostgresStore, type PostgresStoreOptions } from './postgres-store';
export { PostgresChatStore } from './chat-store';
export { PostgresLeadership, type PostgresLeadershipOptions } from './leadership';
