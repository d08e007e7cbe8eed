import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { migrateSqlite } from '../../src/adapters/sqlite/migrate';
import { SQLITE_MIGRATIONS, type Migration } from '../../src/adapters/sqlite/migrations';
import { CodedError } from '../../src/domain/errors';

const tables = (db: Database.Database): string[] =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

const versions = (db: Database.Database): number[] =>
  db
    .prepare<[], { version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    .all()
    .map((r) => r.version);

/** The shipped versions, and the one a new migration would take: the tests hold whatever ships. */
const ALL = SQLITE_MIGRATIONS.map((m) => m.version);
const NEXT = (ALL.at(-1) ?? 0) + 1;

const second: Migration = {
  version: NEXT,
  name: 'subscriptions',
  sql: 'CREATE TABLE subscriptions (id TEXT PRIMARY KEY);',
};

describe('SQLite migrations', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => {
    db.close();
  });

  it('applies every migration once, then nothing', () => {
    assert.deepEqual(
      migrateSqlite(db),
      SQLITE_MIGRATIONS.map((m) => m.version),
    );
    assert.deepEqual(migrateSqlite(db), []);
    assert.deepEqual(versions(db), ALL);
    assert.ok(tables(db).includes('inbox_events'));
  });

  it('applies only the migrations added since the last run', () => {
    migrateSqlite(db);
    assert.deepEqual(migrateSqlite(db, [...SQLITE_MIGRATIONS, second]), [NEXT]);
    assert.deepEqual(versions(db), [...ALL, NEXT]);
    assert.ok(tables(db).includes('subscriptions'));
  });

  it('rolls a failing migration back whole and records nothing for it', () => {
    migrateSqlite(db);
    const broken: Migration = {
      version: NEXT,
      name: 'broken',
      sql: 'CREATE TABLE half (id TEXT); INSERT INTO nowhere VALUES (1);',
    };
    assert.throws(() => migrateSqlite(db, [...SQLITE_MIGRATIONS, broken]), /nowhere/);
    assert.deepEqual(versions(db), ALL);
    assert.ok(!tables(db).includes('half'));
    assert.deepEqual(migrateSqlite(db, [...SQLITE_MIGRATIONS, second]), [NEXT]);
  });

  it('refuses a database newer than the code, and a list out of order', () => {
    migrateSqlite(db, [...SQLITE_MIGRATIONS, second]);
    assert.throws(
      () => migrateSqlite(db),
      (e: unknown) => e instanceof CodedError && e.code === 'schema_too_new',
    );
    const fresh = new Database(':memory:');
    try {
      assert.throws(
        () => migrateSqlite(fresh, [second, ...SQLITE_MIGRATIONS]),
        (e: unknown) => e instanceof CodedError && e.code === 'migration_order',
      );
    } finally {
      fresh.close();
    }
  });
});
