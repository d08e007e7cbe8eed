// The IdentityStore contract against the embedded store (a fresh temp DATA_DIR each test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { identityStoreContract } from './identity-store.contract';

identityStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-identity-'));
  const store = openSqliteStore(dir);
  return {
    store,
    identity: store.identity(),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
