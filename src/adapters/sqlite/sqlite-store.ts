// The embedded Store on better-sqlite3. better-sqlite3 is synchronous, so each method does its work at once
// and returns a settled promise. Writes go through a group commit (./group-commit.ts): those queued in one turn
// of the event loop share one IMMEDIATE transaction and one fsync, each in its own savepoint (the write lock
// is taken up front, so two processes on one file wait on busy_timeout instead of failing mid-transaction).
import type Database from 'better-sqlite3';
import type { Decision } from '../../domain/decision';
import type { InboxEvent } from '../../domain/events';
import type { AgentId, TeamsUserId } from '../../domain/ids';
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
import { StateConflict } from '../state-conflict';
import { SqliteAgents } from './agents';
import { SqliteChatStore } from './chat-store';
import { SqliteDecisions } from './decisions';
import { SqliteDirectoryStore } from './directory-store';
import { GroupCommit } from './group-commit';
import { SqliteHousekeeping } from './housekeeping';
import { SqliteIdentityStore } from './identity-store';
import { SqliteInbox } from './inbox';
import { SqliteLinks } from './links';
import { migrateSqlite } from './migrate';
import { openDatabase, readPragmas, type SqlitePragmas } from './open-database';
import { SqliteOutbox } from './outbox';
import { SqliteSettings } from './settings';
import { SqliteSyncStates } from './sync-state';

/** Opens (creating if need be) `<dataDir>/switchboard.db`, or a private in-memory database, and migrates it. */
export function openSqliteStore(dataDir: string): SqliteStore {
  const db = openDatabase(dataDir);
  try {
    migrateSqlite(db);
    return new SqliteStore(db);
  } catch (error) {
    db.close();
    throw error;
  }
}

export class SqliteStore implements Store, StoreHousekeeping {
  private readonly inbox: SqliteInbox;
  private readonly agents: SqliteAgents;
  private readonly links: SqliteLinks;
  private readonly states: SqliteSyncStates;
  private readonly decisions: SqliteDecisions;
  private readonly outbox: SqliteOutbox;
  private readonly settings: SqliteSettings;
  private readonly housekeeping: SqliteHousekeeping;
  private readonly group: GroupCommit;

  constructor(private readonly db: Database.Database) {
    this.group = new GroupCommit(db);
    this.inbox = new SqliteInbox(db);
    this.agents = new SqliteAgents(db);
    this.links = new SqliteLinks(db);
    this.states = new SqliteSyncStates(db);
    this.decisions = new SqliteDecisions(db);
    this.outbox = new SqliteOutbox(db);
    this.settings = new SqliteSettings(db);
    this.housekeeping = new SqliteHousekeeping(db);
  }

  /** Resolves once work is committed to disk, in a transaction shared with the writes queued beside it. */
  private write<T>(work: () => T): Promise<T> {
    return this.group.run(work);
  }

  async acceptEvents(events: readonly InboxEvent[], receivedAt: string): Promise<AcceptResult> {
    return this.write(() => this.inbox.accept(events, receivedAt));
  }
  async agentsWithPendingEvents(limit?: number): Promise<AgentId[]> {
    return this.inbox.agentsWithPending(limit === undefined ? -1 : Math.max(0, Math.floor(limit)));
  }
  async pendingEvents(agentId: AgentId): Promise<StoredInboxEvent[]> {
    return this.inbox.pending(agentId);
  }
  async eventStatus(id: string): ReturnType<Store['eventStatus']> {
    return this.inbox.status(id);
  }

  /** Parts are applied in a fixed order: outcomes, agent upserts, removals, states, decisions, outbound. */
  async commit(commit: Commit): Promise<CommitResult> {
    const at = new Date().toISOString();
    try {
      await this.write(() => {
        this.inbox.settleAll(commit.eventOutcomes ?? [], at);
        for (const agent of commit.upsertAgents ?? []) this.agents.put(agent, at);
        for (const agentId of commit.removeAgents ?? []) this.agents.delete(agentId);
        for (const state of commit.agentStates ?? []) {
          if (!this.states.put(state, at)) throw new StateConflict(state.agentId);
        }
        this.decisions.append(commit.decisions ?? []);
        this.outbox.add(commit.outbound ?? [], at);
      });
      return COMMITTED;
    } catch (error) {
      if (error instanceof StateConflict) return { stateConflicts: [error.agentId] };
      throw error;
    }
  }

  async getAgent(agentId: AgentId): Promise<AgentRecord | null> {
    return this.agents.get(agentId);
  }
  async listAgents(): Promise<AgentRecord[]> {
    return this.agents.list();
  }

  async putLink(link: Link): Promise<'created' | 'updated'> {
    return this.write(() => this.links.put(link));
  }
  async deleteLink(agentId: AgentId): Promise<boolean> {
    return this.write(() => this.links.delete(agentId));
  }
  async getLinkByAgent(agentId: AgentId): Promise<Link | null> {
    return this.links.getByAgent(agentId);
  }
  async getLinkByTeamsUser(userId: TeamsUserId): Promise<Link | null> {
    return this.links.getByTeamsUser(userId);
  }
  async listLinks(page?: LinkPage): Promise<Link[]> {
    return this.links.list(page);
  }

  async getAgentState(agentId: AgentId): Promise<AgentSyncState | null> {
    return this.states.get(agentId);
  }
  async sessionsExpiringBefore(isoTime: string, page?: SessionPage): Promise<AgentSyncState[]> {
    return this.states.expiringBefore(isoTime, page);
  }
  async lastDecision(agentId: AgentId): Promise<Decision | null> {
    return this.decisions.list(agentId, 1)[0] ?? null;
  }
  async listDecisions(agentId: AgentId, limit: number): Promise<Decision[]> {
    return this.decisions.list(agentId, limit);
  }

  async dueOutbound(isoTime: string, limit: number): Promise<OutboxEntry[]> {
    return this.outbox.dueAt(isoTime, limit);
  }
  async claimOutbound(isoTime: string, leaseMs: number, limit: number): Promise<OutboxEntry[]> {
    return this.write(() => this.outbox.claimAt(isoTime, leaseMs, limit));
  }
  async markDelivered(id: string): Promise<void> {
    await this.write(() => this.outbox.markDelivered(id));
  }
  async markRetry(id: string, nextAttemptAt: string, error: string): Promise<void> {
    await this.write(() => this.outbox.markRetry(id, nextAttemptAt, error));
  }
  async markParked(id: string, error: string): Promise<void> {
    await this.write(() => this.outbox.markParked(id, error));
  }
  async outboundFor(agentId: AgentId): Promise<OutboxEntry[]> {
    return this.outbox.forAgent(agentId);
  }

  async getSetting(key: string): Promise<string | null> {
    return this.settings.get(key);
  }
  async putSetting(key: string, value: string): Promise<void> {
    await this.write(() => this.settings.put(key, value));
  }

  async prune(before: string, limit: number): Promise<PruneCounts> {
    return this.write(() => this.housekeeping.prune(before, limit));
  }
  async outboxBacklog(): Promise<OutboxBacklog> {
    return this.housekeeping.outboxBacklog();
  }

  /** The ChatStore on this store's connection: same file, same owner, closed with it. */
  chat(): SqliteChatStore {
    return new SqliteChatStore(this.db);
  }

  /** The IdentityStore on this store's connection: same file, same owner, closed with it. */
  identity(): SqliteIdentityStore {
    return new SqliteIdentityStore(this.db);
  }

  /** The DirectoryStore on this store's connection: same file, same owner, closed with it. */
  directory(): SqliteDirectoryStore {
    return new SqliteDirectoryStore(this.db);
  }

  /** Group transactions committed and the writes in them (diagnostics: writes / groups is the batching). */
  commitStats(): { groups: number; writes: number } {
    return this.group.stats();
  }

  /** The connection's durability settings (WAL, synchronous=FULL, ...), for diagnostics. */
  pragmas(): SqlitePragmas {
    return readPragmas(this.db);
  }

  /** Idempotent. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.group.flush();
    this.db.close();
  }
}
