// Runs the Store contract against PostgreSQL (TEST_DATABASE_URL, default: the local server). Each store
// gets its own schema, dropped afterwards, so runs and suites never see each other's data.
import assert from 'node:assert/strict';
import pg from 'pg';
import { openPostgresStore, type PostgresStore } from '../../src/adapters/postgres';
import { CodedError } from '../../src/domain/errors';
import { POSTGRES_MIGRATIONS } from '../../src/adapters/postgres/migrations';
import { storeContract } from '../contract/store.contract';

import { databaseUrl as url, dropSchema, freshSchema } from '../support/pg-schema';

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
        assert.deepEqual(
          rows,
          POSTGRES_MIGRATIONS.map(({ version, name }) => ({ version, name })),
        );
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
