// The instances suites' PostgreSQL helpers: the shared fresh-schema ones, ending a leader's or a shard
// owner's session (as a dead instance's would end), and who holds the shards.
import { shardKeys } from '../../src/adapters/postgres/shard-ownership';
import { SHARD_COUNT } from '../../src/sync/shards';
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

const SHARD_HOLDERS = `SELECT pid, COUNT(*) AS shards FROM pg_locks WHERE locktype = 'advisory' AND granted
  AND objsubid = 2 AND classid::bigint = $1 AND objid < $2 GROUP BY pid ORDER BY pid`;

/** The server sessions holding this schema's shard locks, with how many shards each holds. */
export async function shardHolders(schema: string): Promise<Array<{ pid: number; shards: number }>> {
  return onDatabase(async (c) => {
    const { rows } = await c.query<{ pid: number; shards: string }>(SHARD_HOLDERS, [
      shardKeys(schema).key >>> 0,
      SHARD_COUNT,
    ]);
    return rows.map((r) => ({ pid: r.pid, shards: Number(r.shards) }));
  });
}

/** Ends the session of the first instance holding shards, as a dead process's would end; its pid. */
export async function terminateShardOwner(schema: string): Promise<number> {
  const [first] = await shardHolders(schema);
  if (!first) return 0;
  await onDatabase((c) => c.query('SELECT pg_terminate_backend($1)', [first.pid]));
  return first.pid;
}
