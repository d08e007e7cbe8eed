// A fresh PostgreSQL schema per test on the test server (TEST_DATABASE_URL, default: the local one), as
// test/store/postgres-store.test.ts does, so runs and suites never see each other's data.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;

export const freshSchema = (): string => `switchboard_inst_${runId}_${++counter}`;

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

/** Ends the server sessions holding this schema's leadership locks, as a dead instance's would end. */
export async function terminateLeaders(schema: string, role: string): Promise<number> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
         AND l.classid = $1 AND l.objid = (hashtext($2)::bigint & 4294967295)`,
      [0x5b0b, `${schema}:${role}`],
    );
    for (const { pid } of rows) await c.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  });
}
