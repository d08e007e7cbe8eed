// A connection lost in the middle of a transaction (the server restarted, a failover, a terminated backend)
// must fail that transaction and leave the process running: the checked-out client emits 'error', where
// the pool no longer listens, and without a listener Node ends the process (found by the fault suite,
// test/faults/postgres-restart.fault.ts).
import assert from 'node:assert/strict';
import pg from 'pg';
import { inTransaction } from '../../src/adapters/postgres/transaction';
import { databaseUrl, onDatabase } from '../support/pg-schema';

describe('PostgreSQL transactions: a connection lost mid-transaction', () => {
  let pool: pg.Pool;
  beforeEach(() => {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    pool.on('error', () => undefined);
  });
  afterEach(() => pool.end());

  it('rejects the transaction, keeps the process up, and the pool serves the next one', async () => {
    const work = inTransaction(pool, async (client) => {
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await onDatabase((c) => c.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the socket's end arrives while idle here
      await client.query('SELECT 1');
    });
    await assert.rejects(work);
    const { rows } = await inTransaction(pool, (client) => client.query<{ one: number }>('SELECT 1 AS one'));
    assert.equal(rows[0]?.one, 1);
  });
});
