// The IdentityStore contract against PostgreSQL (TEST_DATABASE_URL, default the local server), each test in a
// schema of its own, dropped afterwards.
import { openPostgresStore } from '../../src/adapters/postgres';
import { identityStoreContract } from './identity-store.contract';

import { databaseUrl as url, dropSchema, freshSchema } from '../support/pg-schema';

identityStoreContract('PostgreSQL', async () => {
  const schema = freshSchema('identity');
  const store = await openPostgresStore(url, { schema });
  return {
    store,
    identity: store.identity(),
    cleanup: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
