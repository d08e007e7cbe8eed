export { openSqliteStore, SqliteStore } from './sqlite-store';
export type { SqlitePragmas } from './open-database';
