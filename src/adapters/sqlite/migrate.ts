// Brings a database up to the newest schema: each pending migration runs in its own transaction together
// with its schema_migrations row, so a failed one leaves no trace and is tried again on the next start.
import type Database from 'better-sqlite3';
import { CodedError } from '../../domain/errors';
import { SQLITE_MIGRATIONS, type Migration } from './migrations';

export function migrateSqlite(
  db: Database.Database,
  migrations: readonly Migration[] = SQLITE_MIGRATIONS,
): number[] {
  assertOrdered(migrations);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const current = appliedVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new CodedError(
      'schema_too_new',
      `The database schema is at version ${current}; this build knows ${newest}.`,
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.filter((m) => m.version > current)) {
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    }).immediate();
    applied.push(migration.version);
  }
  return applied;
}

function appliedVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : (migrations[i - 1]?.version ?? 0);
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new CodedError('migration_order', `Migration ${m.version} (${m.name}) is out of order.`);
    }
  });
}
