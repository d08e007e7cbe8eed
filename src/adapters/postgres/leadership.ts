// Leadership on PostgreSQL's own primitive: one session-level advisory lock per role, held on a dedicated
// connection. PostgreSQL releases a session's locks when its connection ends, so when a leader dies (SIGKILL,
// crash, lost host) a follower's next try takes the role over. Takeover bound: the retry interval (2 s) after
// PostgreSQL notices the dead connection: at once for a process killed on a live host (its socket closes),
// within the TCP keepalive time for a host that vanished. A leader checks its connection on every tick and
// gives up its roles the moment a check fails, since it can no longer be sure it holds them.
import pg from 'pg';
import type { LeaderRole, Leadership } from '../../ports/leadership.port';
import type { Logger } from '../../ports/logger.port';

export interface PostgresLeadershipOptions {
  readonly url: string;
  /** The store's schema: instances of other schemas (other deployments) do not contend. */
  readonly schema: string;
  readonly logger: Logger;
  /** Time between tries (and connection checks); default 2000 ms. */
  readonly retryMs?: number;
}

/** First key of the two-key advisory lock (migrations use 0x5b0a); the second is hashtext(schema:role). */
const LEADERSHIP_LOCK = 0x5b0b;
export const DEFAULT_LEADERSHIP_RETRY_MS = 2000;

export class PostgresLeadership implements Leadership {
  private readonly retryMs: number;
  private readonly watchers = new Map<LeaderRole, (leading: boolean) => void>();
  private readonly held = new Set<LeaderRole>();
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: PostgresLeadershipOptions) {
    this.retryMs = options.retryMs ?? DEFAULT_LEADERSHIP_RETRY_MS;
  }

  watch(role: LeaderRole, onChange: (leading: boolean) => void): void {
    if (this.closed || this.watchers.has(role)) return;
    this.watchers.set(role, onChange);
    this.tickSoon(0);
  }

  leads(role: LeaderRole): boolean {
    return this.held.has(role);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.ticking;
    this.held.clear();
    await this.drop();
  }

  private tickSoon(delayMs: number): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.tickSoon(this.retryMs);
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    try {
      const client = await this.connection();
      await client.query('SELECT 1');
      for (const role of this.watchers.keys()) {
        if (this.held.has(role) || this.closed) continue;
        if (await this.tryLock(client, role)) this.gained(role);
      }
    } catch (error) {
      this.lostAll(error);
    }
  }

  private async tryLock(client: pg.Client, role: LeaderRole): Promise<boolean> {
    const { rows } = await client.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
      [LEADERSHIP_LOCK, `${this.options.schema}:${role}`],
    );
    return rows[0]?.locked === true;
  }

  private gained(role: LeaderRole): void {
    this.held.add(role);
    this.options.logger.info({ role }, 'this instance now leads the role');
    this.watchers.get(role)?.(true);
  }

  private lostAll(error: unknown): void {
    const roles = [...this.held];
    this.held.clear();
    void this.drop();
    if (this.closed) return;
    const err = error instanceof Error ? error.message : String(error);
    this.options.logger.warn({ err, roles }, 'leadership connection failed; roles given up until it is back');
    for (const role of roles) this.watchers.get(role)?.(false);
  }

  private async connection(): Promise<pg.Client> {
    if (this.client) return this.client;
    const client = new pg.Client({
      connectionString: this.options.url,
      keepAlive: true,
      keepAliveInitialDelayMillis: this.retryMs,
      query_timeout: this.retryMs * 2,
      connectionTimeoutMillis: this.retryMs * 2,
    });
    client.on('error', (error) => {
      if (this.client === client) this.lostAll(error);
    });
    this.client = client;
    try {
      await client.connect();
    } catch (error) {
      this.client = null;
      throw error;
    }
    return client;
  }

  /** Ending the session releases every advisory lock it holds. */
  private async drop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
