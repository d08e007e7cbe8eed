import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { agentId, ccEventId } from '../../src/domain/ids';
import { SQLITE_MIGRATIONS } from '../../src/adapters/sqlite/migrations';
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
      assert.deepEqual(
        rows,
        SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })),
      );
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

// Issue 11: one fsync per agent run capped the engine at ~120 runs/s; writes made together share one.
describe('SQLite store: group commit', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = tempDir();
    store = openSqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const event = (i: number) => ({
    id: ccEventId(`g${i}`),
    type: 'agent.state' as const,
    occurredAt: '2025-03-01T10:00:00Z',
    agentId: agentId(`A${i}`),
    state: 'Busy',
  });

  it('commits the writes made in one turn of the event loop in one transaction', async () => {
    const before = store.commitStats();
    await Promise.all(Array.from({ length: 100 }, (_, i) => store.acceptEvents([event(i)], 'T')));
    const after = store.commitStats();
    assert.equal(after.writes - before.writes, 100);
    assert.equal(after.groups - before.groups, 1);
  });

  it('resolves only once the write is on disk: another connection to the file sees it', async () => {
    await store.acceptEvents([event(1)], '2025-03-01T10:00:00Z');
    const other = new Database(path.join(dir, 'switchboard.db'), { readonly: true });
    try {
      assert.deepEqual(other.prepare('SELECT id, status FROM inbox_events').all(), [
        { id: 'g1', status: 'pending' },
      ]);
    } finally {
      other.close();
    }
  });

  it('commits what is still queued when closed', async () => {
    const accepted = store.acceptEvents([event(2)], '2025-03-01T10:00:00Z');
    await store.close();
    assert.equal((await accepted).accepted, 1);
    store = openSqliteStore(dir);
    assert.deepEqual(await store.agentsWithPendingEvents(), [agentId('A2')]);
  });
});
