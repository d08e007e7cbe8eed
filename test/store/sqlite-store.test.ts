import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { agentId, ccEventId } from '../../src/domain/ids';
import { storeContract } from '../contract/store.contract';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-sqlite-'));
}

storeContract('SQLite', async () => {
  const dir = tempDir();
  let current: SqliteStore = openSqliteStore(dir);
  return {
    store: current,
    reopen: async () => (current = openSqliteStore(dir)),
    cleanup: async () => {
      await current.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite store: files and settings', () => {
  let dir: string;
  beforeEach(() => {
    dir = path.join(tempDir(), 'nested', 'data');
  });
  afterEach(() => {
    fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
  });

  it('creates the data directory and switchboard.db with WAL, synchronous=FULL, busy_timeout and foreign keys', async () => {
    const store = openSqliteStore(dir);
    try {
      assert.ok(fs.existsSync(path.join(dir, 'switchboard.db')));
      const pragmas = store.pragmas();
      assert.equal(pragmas.journalMode, 'wal');
      assert.equal(pragmas.synchronous, 2); // FULL
      assert.ok(pragmas.busyTimeout >= 1000);
      assert.equal(pragmas.foreignKeys, true);
    } finally {
      await store.close();
    }
  });

  it('records the applied migrations once, however often it is opened', async () => {
    await openSqliteStore(dir).close();
    await openSqliteStore(dir).close();
    const db = new Database(path.join(dir, 'switchboard.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
      assert.deepEqual(rows, [
        { version: 1, name: 'initial' },
        { version: 2, name: 'chat' },
      ]);
    } finally {
      db.close();
    }
  });

  it('opens a private in-memory database for ":memory:"', async () => {
    const store = openSqliteStore(':memory:');
    await store.acceptEvents(
      [
        {
          id: ccEventId('e1'),
          type: 'agent.remove',
          occurredAt: '2025-03-01T10:00:00Z',
          agentId: agentId('A1'),
        },
      ],
      '2025-03-01T10:00:00Z',
    );
    assert.equal((await store.pendingEvents(agentId('A1'))).length, 1);
    await store.close();
    await store.close();
    assert.equal(fs.existsSync(':memory:'), false);
  });
});
