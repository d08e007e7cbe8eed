// PostgreSQL-only behaviour: the migration runner, and the races several instances sharing one database
// can run into (the contract suite covers everything both adapters share).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgresStore } from '../../src/adapters/postgres';
import { migratePostgres } from '../../src/adapters/postgres/migrate';
import { POSTGRES_MIGRATIONS, type Migration } from '../../src/adapters/postgres/migrations';
import { CodedError } from '../../src/domain/errors';
import { agentId, ccEventId, teamsUserId } from '../../src/domain/ids';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
/** The shipped versions, and the one a new migration would take: the tests hold whatever ships. */
const ALL = POSTGRES_MIGRATIONS.map((m) => m.version);
const NEXT = (ALL.at(-1) ?? 0) + 1;

const second: Migration = {
  version: NEXT,
  name: 'subscriptions',
  sql: 'CREATE TABLE subscriptions (id text PRIMARY KEY);',
};
const isCode = (code: string) => (e: unknown) => e instanceof CodedError && e.code === code;

describe('PostgreSQL migrations and concurrency', () => {
  let pool: pg.Pool;
  let schema: string;
  beforeEach(() => {
    schema = `switchboard_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}` });
  });
  afterEach(async () => {
    await pool.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    await pool.end();
  });

  const versions = async () =>
    (
      await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
    ).rows.map((r) => r.version);
  const tableExists = async (name: string) =>
    (
      await pool.query(
        'SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2',
        [schema, name],
      )
    ).rows.length === 1;

  it('applies each migration once, and later only the ones added since', async () => {
    assert.deepEqual(await migratePostgres(pool, schema), ALL);
    assert.deepEqual(await migratePostgres(pool, schema), []);
    assert.deepEqual(await migratePostgres(pool, schema, [...POSTGRES_MIGRATIONS, second]), [NEXT]);
    assert.deepEqual(await versions(), [...ALL, NEXT]);
    assert.ok(await tableExists('subscriptions'));
  });

  it('rolls a failing migration back whole and records nothing for it', async () => {
    await migratePostgres(pool, schema);
    const broken: Migration = {
      version: NEXT,
      name: 'broken',
      sql: 'CREATE TABLE half (id text); INSERT INTO nowhere VALUES (1);',
    };
    await assert.rejects(migratePostgres(pool, schema, [...POSTGRES_MIGRATIONS, broken]), /nowhere/);
    assert.deepEqual(await versions(), ALL);
    assert.equal(await tableExists('half'), false);
    assert.deepEqual(await migratePostgres(pool, schema, [...POSTGRES_MIGRATIONS, second]), [NEXT]);
  });

  it('refuses a schema newer than the code, and a list out of order', async () => {
    await migratePostgres(pool, schema, [...POSTGRES_MIGRATIONS, second]);
    await assert.rejects(migratePostgres(pool, schema), isCode('schema_too_new'));
    await assert.rejects(
      migratePostgres(pool, schema, [second, ...POSTGRES_MIGRATIONS]),
      isCode('migration_order'),
    );
  });

  it('lets several instances start on a new schema at once', async () => {
    const stores = await Promise.all([1, 2, 3].map(() => openPostgresStore(url, { schema })));
    await Promise.all(stores.map((s) => s.close()));
    assert.deepEqual(await versions(), ALL);
  });

  it('lets only one of two racing instances link a Teams user or settle an event', async () => {
    const [one, two] = await Promise.all([
      openPostgresStore(url, { schema }),
      openPostgresStore(url, { schema }),
    ]);
    assert.ok(one && two);
    try {
      const at = '2025-03-01T10:00:00.000Z';
      const links = await Promise.allSettled(
        [one, two].map((s, i) =>
          s.putLink({ agentId: agentId(`A${i}`), teamsUserId: teamsUserId('u-1'), createdAt: at }),
        ),
      );
      assert.deepEqual(links.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const lost = links.find((r) => r.status === 'rejected');
      assert.ok(lost?.status === 'rejected' && isCode('link_conflict')(lost.reason));

      await one.acceptEvents(
        [{ id: ccEventId('e1'), type: 'agent.remove', occurredAt: at, agentId: agentId('A1') }],
        at,
      );
      const commits = await Promise.allSettled(
        [one, two].map((s) => s.commit({ eventOutcomes: [{ id: 'e1', outcome: 'applied' }] })),
      );
      assert.deepEqual(commits.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    } finally {
      await Promise.all([one?.close(), two?.close()]);
    }
  });
});
