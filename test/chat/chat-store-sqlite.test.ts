// The ChatStore contract against the embedded store: a real file, reopened for the restart case.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { chatStoreContract } from '../store/contract/chat.contract';

chatStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-chat-'));
  let store: SqliteStore = openSqliteStore(dir);
  return {
    chat: store.chat(),
    reopen: async () => {
      await store.close();
      store = openSqliteStore(dir);
      return store.chat();
    },
    cleanup: async () => {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});
