// The DirectoryStore contract against the embedded store (a fresh temp DATA_DIR each test).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { directoryStoreContract } from './directory-store.contract';

directoryStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-directory-'));
  const store = openSqliteStore(dir);
  return {
    store,
    directory: store.directory(),
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
