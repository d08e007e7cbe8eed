// The DirectoryStore contract against PostgreSQL (TEST_DATABASE_URL, default the local server), each test in a
// schema of its own, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/adapters/postgres';
import { directoryStoreContract } from './directory-store.contract';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;

directoryStoreContract('PostgreSQL', async () => {
  const schema = `switchboard_directory_${runId}_${++counter}`;
  const store = await openPostgresStore(url, { schema });
  return {
    store,
    directory: store.directory(),
    cleanup: async () => {
      await store.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
});
