// Runs the Store contract against PostgreSQL (TEST_DATABASE_URL, default: the local server). Each store
// gets its own schema, dropped afterwards, so runs and suites never see each other's data.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type PostgresStore } from '../../src/adapters/postgres';
import { CodedError } from '../../src/domain/errors';
import { storeContract } from '../contract/store.contract';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;
const freshSchema = () => `switchboard_test_${runId}_${++counter}`;

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

storeContract('PostgreSQL', async () => {
  const schema = freshSchema();
  let current: PostgresStore = await openPostgresStore(url, { schema });
  return {
    store: current,
    reopen: async () => (current = await openPostgresStore(url, { schema })),
    cleanup: async () => {
      await current.close();
      await dropSchema(schema);
    },
  };
});

describe('PostgreSQL store: opening', () => {
  it('creates its schema and records the migrations once, however often it is opened', async () => {
    const schema = freshSchema();
    try {
      await (await openPostgresStore(url, { schema })).close();
      await (await openPostgresStore(url, { schema })).close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const { rows } = await client.query(
          `SELECT version, name FROM ${pg.escapeIdentifier(schema)}.schema_migrations ORDER BY version`,
        );
        assert.deepEqual(rows, [
          { version: 1, name: 'initial' },
          { version: 2, name: 'chat' },
        ]);
      } finally {
        await client.end();
      }
    } finally {
      await dropSchema(schema);
    }
  });

  it('refuses a schema name it would have to quote', async () => {
    await assert.rejects(
      openPostgresStore(url, { schema: 'Robert"; DROP' }),
      (e: unknown) => e instanceof CodedError && e.code === 'invalid_schema',
    );
  });
});
