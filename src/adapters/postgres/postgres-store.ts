// The PostgreSQL Store: the same behaviour as the embedded one (test/contract/store.contract.ts), for
// deployments that run several instances or keep their data in a managed database. Reads are single
// statements on the pool; every write is one transaction on one client.
import pg from 'pg';
import type { Decision } from '../../domain/decision';
import { CodedError } from '../../domain/errors';
import type { InboxEvent } from '../../domain/events';
import type { AgentId, TeamsUserId } from '../../domain/ids';
import type { Logger } from '../../ports/logger.port';
import type { OutboxBacklog, PruneCounts, StoreHousekeeping } from '../../ports/housekeeping.port';
import type {
  AcceptResult,
  AgentRecord,
  AgentSyncState,
  Commit,
  CommitResult,
  Link,
  LinkPage,
  OutboxEntry,
  SessionPage,
  Store,
  StoredInboxEvent,
} from '../../ports/store.port';
import { COMMITTED } from '../../ports/store.port';
import * as agents from './agents';
import { PostgresChatStore } from './chat-store';
import * as decisions from './decisions';
import { PostgresDirectoryStore } from './directory-store';
import * as housekeeping from './housekeeping';
import { PostgresIdentityStore } from './identity-store';
import * as inbox from './inbox';
import * as links from './links';
import { migratePostgres } from './migrate';
import * as outbox from './outbox';
import * as settings from './settings';
import * as states from './sync-state';
import { inTransaction } from './transaction';
import { StateConflict } from '../state-conflict';

export interface PostgresStoreOptions {
  /** Schema holding the tables, created if missing; default "public". Lower-case letters, digits and _. */
  readonly schema?: string;
  /** Where errors of idle pooled connections go (the pool drops the connection itself). */
  readonly logger?: Logger;
  /** Pool size; default 10. */
  readonly maxConnections?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Connects, creates the schema if need be and migrates it. */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresStore> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema))
    throw new CodedError('invalid_schema', `"${schema}" is not a usable schema name.`);
  // search_path set at connection start-up, so every pooled connection sees our tables unqualified.
  const pool = new pg.Pool({
    connectionString: url,
    options: `-c search_path=${schema}`,
    max: options.maxConnections ?? 10,
  });
  pool.on('error', (error) => {
    if (options.logger) options.logger.error({ err: error.message }, 'PostgreSQL idle connection failed');
    else process.emitWarning(`PostgreSQL idle connection failed: ${error.message}`);
  });
  try {
    await migratePostgres(pool, schema);
    await assertSearchPath(pool, schema);
    return new PostgresStore(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
}

/** A pooler that drops start-up options would send our queries to another schema's tables: refuse to start. */
async function assertSearchPath(pool: pg.Pool, schema: string): Promise<void> {
  const { rows } = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const actual = rows[0]?.schema ?? null;
  if (actual !== schema) {
    throw new CodedError(
      'store_schema',
      `Connections use schema "${actual}", not "${schema}" (search_path ignored?).`,
    );
  }
}

export class PostgresStore implements Store, StoreHousekeeping {
  private closed = false;

  constructor(private readonly pool: pg.Pool) {}

  async acceptEvents(events: readonly InboxEvent[], receivedAt: string): Promise<AcceptResult> {
    if (events.length === 0) return { accepted: 0, duplicates: 0, agents: [] };
    return inbox.acceptEvents(this.pool, events, receivedAt);
  }
  async agentsWithPendingEvents(limit?: number): Promise<AgentId[]> {
    return inbox.agentsWithPendingEvents(this.pool, limit);
  }
  async pendingEvents(agentId: AgentId): Promise<StoredInboxEvent[]> {
    return inbox.pendingEvents(this.pool, agentId);
  }
  async eventStatus(id: string): ReturnType<Store['eventStatus']> {
    return inbox.eventStatus(this.pool, id);
  }

  /** Parts are applied in a fixed order: outcomes, agent upserts, removals, states, decisions, outbound. */
  async commit(commit: Commit): Promise<CommitResult> {
    const at = new Date().toISOString();
    try {
      await inTransaction(this.pool, async (client) => {
        await inbox.settleEvents(client, commit.eventOutcomes ?? [], at);
        for (const agent of commit.upsertAgents ?? []) await agents.upsertAgent(client, agent, at);
        await agents.removeAgents(client, commit.removeAgents ?? []);
        for (const state of commit.agentStates ?? []) {
          if (!(await states.putState(client, state, at))) throw new StateConflict(state.agentId);
        }
        await decisions.appendDecisions(client, commit.decisions ?? []);
        await outbox.addOutbound(client, commit.outbound ?? [], at);
      });
      return COMMITTED;
    } catch (error) {
      if (error instanceof StateConflict) return { stateConflicts: [error.agentId] };
      throw error;
    }
  }

  async getAgent(agentId: AgentId): Promise<AgentRecord | null> {
    return agents.getAgent(this.pool, agentId);
  }
  async listAgents(): Promise<AgentRecord[]> {
    return agents.listAgents(this.pool);
  }

  async putLink(link: Link): Promise<'created' | 'updated'> {
    return links.putLink(this.pool, link);
  }
  async deleteLink(agentId: AgentId): Promise<boolean> {
    return links.deleteLink(this.pool, agentId);
  }
  async getLinkByAgent(agentId: AgentId): Promise<Link | null> {
    return links.linkByAgent(this.pool, agentId);
  }
  async getLinkByTeamsUser(userId: TeamsUserId): Promise<Link | null> {
    return links.linkByTeamsUser(this.pool, userId);
  }
  async listLinks(page?: LinkPage): Promise<Link[]> {
    return links.listLinks(this.pool, page);
  }

  async getAgentState(agentId: AgentId): Promise<AgentSyncState | null> {
    return states.getState(this.pool, agentId);
  }
  async sessionsExpiringBefore(isoTime: string, page?: SessionPage): Promise<AgentSyncState[]> {
    return states.sessionsExpiringBefore(this.pool, isoTime, page);
  }
  async lastDecision(agentId: AgentId): Promise<Decision | null> {
    return (await decisions.listDecisions(this.pool, agentId, 1))[0] ?? null;
  }
  async listDecisions(agentId: AgentId, limit: number): Promise<Decision[]> {
    return decisions.listDecisions(this.pool, agentId, limit);
  }

  async dueOutbound(isoTime: string, limit: number): Promise<OutboxEntry[]> {
    return outbox.dueOutbound(this.pool, isoTime, limit);
  }
  async claimOutbound(isoTime: string, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    return outbox.claimOutbound(this.pool, isoTime, leaseMs, limit);
  }
  async markDelivered(id: string): Promise<void> {
    await outbox.markDelivered(this.pool, id);
  }
  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await outbox.markRetry(this.pool, id, nextAttemptAt, error);
  }
  async markParked(id: string, error: string): Promise<void> {
    await outbox.markParked(this.pool, id, error);
  }
  async outboundFor(agentId: AgentId): Promise<OutboxEntry[]> {
    return outbox.outboundFor(this.pool, agentId);
  }

  async getSetting(key: string): Promise<string | null> {
    return settings.getSetting(this.pool, key);
  }
  async putSetting(key: string, value: string): Promise<void> {
    await settings.putSetting(this.pool, key, value);
  }

  async prune(before: string, limit: number): Promise<PruneCounts> {
    return inTransaction(this.pool, (client) => housekeeping.prune(client, before, limit));
  }
  async outboxBacklog(): Promise<OutboxBacklog> {
    return housekeeping.outboxBacklog(this.pool);
  }

  /** The ChatStore on this store's pool, closed with it. */
  chat(): PostgresChatStore {
    return new PostgresChatStore(this.pool);
  }

  /** The IdentityStore on this store's pool, closed with it. */
  identity(): PostgresIdentityStore {
    return new PostgresIdentityStore(this.pool);
  }

  /** The DirectoryStore on this store's pool, closed with it. */
  directory(): PostgresDirectoryStore {
    return new PostgresDirectoryStore(this.pool);
  }

  /** Idempotent: ends the pool once. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
