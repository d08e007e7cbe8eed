// The instances suites' PostgreSQL helpers: the shared fresh-schema ones, and ending a leader's session.
import { freshSchema as fresh, onDatabase } from '../support/pg-schema';

export { databaseUrl, dropSchema, onDatabase } from '../support/pg-schema';

export const freshSchema = (): string => fresh('inst');

/** Ends the server sessions holding this schema's leadership locks, as a dead instance's would end. */
export async function terminateLeaders(schema: string, role: string): Promise<number> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT l.pid FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
         AND l.classid = $1 AND l.objid = (hashtext($2)::bigint & 4294967295)`,
      [0x5b0b, `${schema}:${role}`],
    );
    for (const { pid } of rows) await c.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  });
}
