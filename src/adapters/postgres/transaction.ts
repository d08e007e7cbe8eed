// Runs work in one transaction on one pooled client. If ROLLBACK itself fails the connection is in an
// unknown state, so it is destroyed rather than returned to the pool. A connection lost mid-transaction (the
// server restarted) also emits 'error' on the checked-out client, where the pool no longer listens: without
// a listener here that event would end the process (found by test/faults/postgres-restart.fault.ts).
import type pg from 'pg';

export type Queryable = pg.Pool | pg.PoolClient;

export async function inTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // The query in flight rejects with the same error; this only marks the client as not to be reused.
  const onLost = (error: Error) => (broken = error);
  client.on('error', onLost);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    // A broken client keeps the listener: it is ended on release, and may still report the lost socket.
    if (!broken) client.off('error', onLost);
    client.release(broken);
  }
}

/** PostgreSQL's unique_violation on the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; constraint?: unknown };
  return e.code === '23505' && e.constraint === constraint;
}
