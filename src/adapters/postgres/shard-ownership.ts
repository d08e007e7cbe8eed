// Shard ownership on PostgreSQL's own primitives. Every instance holds, on one dedicated connection: a shared
// advisory lock that says it is alive (PostgreSQL's pg_locks lists the live ones: no heartbeat table, no
// clock), and an exclusive session-level advisory lock per shard it owns. Each tick it looks at pg_locks,
// plans with src/sync/shards.ts (a fair share is ceil(shards / live instances)), gives up what is beyond its
// share (drained first) and locks free shards up to it. A dead instance's connection ends, PostgreSQL
// releases its locks, and the survivors take its shards at their next tick. Takeover bound: one tick (1 s)
// after PostgreSQL notices the dead connection: at once for a killed process on a live host (its socket
// closes), within 11 s (the session's TCP keepalives) for a vanished host. A live instance cut off from
// PostgreSQL stops running its shards at its first failed tick (at most 1 s + a 5 s query timeout), before
// the server lets anyone else take them. The same connection LISTENs on the schema's
// work channel; wake() NOTIFYs it with "<shard>:<agentId>", and the owner of the shard kicks the agent.
import pg from 'pg';
import { agentId, type AgentId } from '../../domain/ids';
import type { Logger } from '../../ports/logger.port';
import type { ShardEvents, ShardOwnership } from '../../ports/shard-ownership.port';
import { SHARD_COUNT, hash32, planShards, shardOf, type ShardView } from '../../sync/shards';

export interface PostgresShardOptions {
  readonly url: string;
  /** The store's schema: instances of another schema (another deployment) neither count nor contend. */
  readonly schema: string;
  readonly logger: Logger;
  /** Time between looks at the locks (and connection checks); default 1000 ms. */
  readonly tickMs?: number;
  readonly count?: number;
}

export const DEFAULT_SHARD_TICK_MS = 1000;
/** Second key of the shared "this instance is alive" lock; shard locks use 0 … count − 1. */
const MEMBER_KEY = 1_000_000;
const KEEPALIVES =
  'SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3';

/** First key of the schema's shard and member locks, and the name of its work channel. */
export function shardKeys(schema: string): { readonly key: number; readonly channel: string } {
  const h = hash32(`switchboard-shards:${schema}`);
  return { key: h | 0, channel: `switchboard_work_${h.toString(16)}` };
}

export class PostgresShardOwnership implements ShardOwnership {
  private readonly tickMs: number;
  private readonly count: number;
  private readonly key: number;
  private readonly channel: string;
  private readonly owned = new Set<number>();
  private instances = 0;
  private events: ShardEvents | null = null;
  private client: pg.Client | null = null;
  private pid = 0;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private closed = false;
  /** Wakes asked for in this turn of the event loop, sent as one query. */
  private readonly waking = new Set<string>();
  /** The dedicated connection runs one query at a time: the ticks' and the wakes' queue up here. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PostgresShardOptions) {
    this.tickMs = options.tickMs ?? DEFAULT_SHARD_TICK_MS;
    this.count = options.count ?? SHARD_COUNT;
    ({ key: this.key, channel: this.channel } = shardKeys(options.schema));
  }

  start(events: ShardEvents): void {
    if (this.events || this.closed) return;
    this.events = events;
    this.tickSoon(0);
  }

  wake(agentId: AgentId): void {
    if (!this.client || this.closed) return;
    this.waking.add(`${shardOf(agentId, this.count)}:${agentId}`);
    if (this.waking.size === 1) setImmediate(() => this.flushWakes());
  }

  status(): { owned: number[]; instances: number } {
    return { owned: [...this.owned].sort((a, b) => a - b), instances: this.instances };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    const owned = [...this.owned];
    await this.events?.releasing(owned);
    this.owned.clear();
    this.events?.lost(owned);
    await this.drop();
  }

  private flushWakes(): void {
    const payloads = [...this.waking];
    this.waking.clear();
    const client = this.client;
    if (!client || payloads.length === 0) return;
    this.query(client, 'SELECT pg_notify($1, p) FROM unnest($2::text[]) AS p', [
      this.channel,
      payloads,
    ]).catch((error: unknown) => {
      const err = String(error);
      this.options.logger.warn({ err, agents: payloads.length }, 'could not wake the owners; the sweep will');
    });
  }

  private query<R extends pg.QueryResultRow>(
    client: pg.Client,
    text: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    const result = this.queue.then(() => client.query<R>(text, params));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private tickSoon(delayMs: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.tickSoon(this.tickMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const client = await this.connection();
      const plan = planShards(await this.look(client));
      if (plan.release.length > 0) await this.release(client, plan.release);
      if (plan.take.length > 0 && !this.closed) await this.take(client, plan.take);
    } catch (error) {
      this.lostAll(error);
    }
  }

  /** One look at pg_locks: the live instances (member locks) and the shards others hold. */
  private async look(client: pg.Client): Promise<ShardView> {
    const { rows } = await this.query<{ pid: number; key: string }>(
      client,
      `SELECT pid, objid::bigint AS key FROM pg_locks WHERE locktype = 'advisory' AND granted
         AND objsubid = 2 AND classid::bigint = $1
         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [this.key >>> 0],
    );
    const members = new Set<number>();
    const others = new Set<number>();
    for (const row of rows) {
      const key = Number(row.key);
      if (key === MEMBER_KEY) members.add(row.pid);
      else if (row.pid !== this.pid && key < this.count) others.add(key);
    }
    this.instances = Math.max(1, members.size);
    return { count: this.count, mine: this.owned, others, instances: this.instances };
  }

  private async release(client: pg.Client, shards: readonly number[]): Promise<void> {
    await this.events?.releasing(shards);
    await this.query(client, 'SELECT pg_advisory_unlock($1, s) FROM unnest($2::int[]) AS s', [
      this.key,
      shards,
    ]);
    shards.forEach((shard) => this.owned.delete(shard));
    this.events?.lost(shards);
    this.options.logger.info({ shards: shards.length, instances: this.instances }, 'shards given up');
  }

  private async take(client: pg.Client, shards: readonly number[]): Promise<void> {
    const { rows } = await this.query<{ s: number }>(
      client,
      'SELECT s FROM unnest($2::int[]) AS s WHERE pg_try_advisory_lock($1, s)',
      [this.key, shards],
    );
    const got = rows.map((r) => r.s);
    if (got.length === 0) return;
    got.forEach((shard) => this.owned.add(shard));
    this.options.logger.info({ shards: got.length, owned: this.owned.size }, 'shards taken');
    this.events?.gained(got);
  }

  private lostAll(error: unknown): void {
    const shards = [...this.owned];
    this.owned.clear();
    void this.drop();
    if (this.closed) return;
    const err = error instanceof Error ? error.message : String(error);
    this.options.logger.warn({ err, shards: shards.length }, 'shard connection failed; shards given up');
    if (shards.length > 0) this.events?.lost(shards);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.options.url,
      keepAlive: true,
      keepAliveInitialDelayMillis: this.tickMs,
      query_timeout: Math.max(5000, this.tickMs * 2),
      connectionTimeoutMillis: Math.max(5000, this.tickMs * 2),
    });
    client.on('error', (error) => {
      if (this.client === client) this.lostAll(error);
    });
    client.on('notification', (message) => this.notified(message.channel, message.payload));
    this.client = client;
    try {
      await client.connect();
      // The server notices a vanished host (no FIN) by keepalives: within 5 + 3 × 2 s instead of the OS
      // default of hours. This instance gives its shards up sooner, at its first failed tick.
      await this.query(client, KEEPALIVES);
      await this.query(client, `LISTEN ${this.channel}`);
      const { rows } = await this.query<{ pid: number }>(
        client,
        'SELECT pg_backend_pid() AS pid, pg_advisory_lock_shared($1, $2)',
        [this.key, MEMBER_KEY],
      );
      this.pid = rows[0]?.pid ?? 0;
    } catch (error) {
      if (this.client === client) this.client = null;
      await client.end().catch(() => undefined);
      throw error;
    }
    return client;
  }

  private notified(channel: string, payload: string | undefined): void {
    if (channel !== this.channel || !payload) return;
    const colon = payload.indexOf(':');
    const shard = Number(payload.slice(0, colon));
    if (colon > 0 && this.owned.has(shard)) this.events?.woken(agentId(payload.slice(colon + 1)));
  }

  /** Ending the session releases every advisory lock it holds. */
  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
