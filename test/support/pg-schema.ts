// A fresh PostgreSQL schema per test on the test server (TEST_DATABASE_URL, default: the local one), dropped
// afterwards, so runs and suites never see each other's data. Every PostgreSQL suite uses these.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;

/** A schema name no other test, suite or run uses; `label` says whose it is when one is left behind. */
export const freshSchema = (label = 'test'): string => `switchboard_${label}_${runId}_${++counter}`;

export async function onDatabase<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function dropSchema(schema: string): Promise<void> {
  await onDatabase((c) => c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`));
}
