// The ChatStore contract against PostgreSQL (TEST_DATABASE_URL, default: the local server), each store in a
// fresh schema dropped afterwards.
import { openPostgresStore, type PostgresStore } from '../../src/adapters/postgres';
import { chatStoreContract } from '../store/contract/chat.contract';

import { databaseUrl as url, dropSchema, freshSchema } from '../support/pg-schema';

chatStoreContract('PostgreSQL', async () => {
  const schema = freshSchema('chat');
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
      await dropSchema(schema);
    },
  };
});
