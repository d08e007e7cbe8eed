// The ChatStore contract against PostgreSQL (TEST_DATABASE_URL, default: the local server), each store in a
// fresh schema dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore, type PostgresStore } from '../../src/adapters/postgres';
import { chatStoreContract } from '../store/contract/chat.contract';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const runId = `${process.pid}_${randomBytes(3).toString('hex')}`;
let counter = 0;

chatStoreContract('PostgreSQL', async () => {
  const schema = `switchboard_chat_${runId}_${++counter}`;
  let store: PostgresStore = await openPostgresStore(url, { schema });
  return {
    chat: store.chat(),
    reopen: async () => {
      await store.close();
      store = await openPostgresStore(url, { schema });
      return store.chat();
    },
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
