// Brings a schema up to the newest version. An advisory lock serialises instances starting together; each
// pending migration runs in its own transaction with its schema_migrations row, so a failed one leaves no
// trace and is tried again on the next start.
import pg from 'pg';
import { CodedError } from '../../domain/errors';
import { POSTGRES_MIGRATIONS, type Migration } from './migrations';

/** First key of the advisory lock; the second is the schema name's hash. */
const MIGRATION_LOCK = 0x5b0a;

export async function migratePostgres(
  pool: pg.Pool,
  schema: string,
  migrations: readonly Migration[] = POSTGRES_MIGRATIONS,
): Promise<number[]> {
  assertOrdered(migrations);
  const s = pg.escapeIdentifier(schema);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    try {
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
      await client.query(`CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = await appliedVersion(client, s);
      const newest = migrations.at(-1)?.version ?? 0;
      if (current > newest) {
        throw new CodedError(
          'schema_too_new',
          `Schema ${schema} is at version ${current}; this build knows ${newest}.`,
        );
      }
      const applied: number[] = [];
      for (const migration of migrations.filter((m) => m.version > current)) {
        await applyOne(client, s, migration);
        applied.push(migration.version);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [MIGRATION_LOCK, schema]);
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: pg.PoolClient, s: string, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL search_path TO ${s}`);
    await client.query(migration.sql);
    await client.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
      migration.version,
      migration.name,
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function appliedVersion(client: pg.PoolClient, s: string): Promise<number> {
  const { rows } = await client.query<{ version: number | null }>(
    `SELECT MAX(version) AS version FROM ${s}.schema_migrations`,
  );
  return rows[0]?.version ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = i === 0 ? 0 : (migrations[i - 1]?.version ?? 0);
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new CodedError('migration_order', `Migration ${m.version} (${m.name}) is out of order.`);
    }
  });
}
