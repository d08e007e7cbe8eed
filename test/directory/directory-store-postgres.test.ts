// The DirectoryStore contract against PostgreSQL (TEST_DATABASE_URL, default the local server), each test in a
// schema of its own, dropped afterwards.
import { openPostgresStore } from '../../src/adapters/postgres';
import { directoryStoreContract } from './directory-store.contract';

import { databaseUrl as url, dropSchema, freshSchema } from '../support/pg-schema';

directoryStoreContract('PostgreSQL', async () => {
  const schema = freshSchema('directory');
  const store = await openPostgresStore(url, { schema });
  return {
    store,
    directory: store.directory(),
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
