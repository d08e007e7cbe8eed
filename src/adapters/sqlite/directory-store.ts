// The embedded DirectoryStore on the Store's own better-sqlite3 connection (same file, same owner). Each
// write runs its plan (directory-plans.ts) synchronously inside one IMMEDIATE transaction.
import type Database from 'better-sqlite3';
import type { DirectoryAgent, DirectoryTeamsUser } from '../../directory/contact';
import { addressKey } from '../../directory/contact';
import { teamsUserId, type AgentId, type TeamsUserId } from '../../domain/ids';
import type { TeamsPresence } from '../../domain/presence';
import type {
  ContactPage,
  ContactQuery,
  DirectoryPresenceTarget,
  DirectoryStore,
  PresenceRecord,
} from '../../ports/directory-store.port';
import {
  putAgentPlan,
  putTeamsUsersPlan,
  removeAgentPlan,
  removeTeamsNotInPlan,
  removeTeamsUsersPlan,
  runPlanSync,
  type Plan,
  type Row,
  type Step,
} from '../directory-plans';
import {
  findTeamsUserStep,
  MAX_TARGET_IDS,
  presenceTargetsStep,
  recordStep,
  toPresenceTarget,
  toTeamsUser,
} from '../directory-presence-rows';
import { contactsQuery, DENSE_MATCHES, denseProbe, toPage } from '../directory-rows';

export class SqliteDirectoryStore implements DirectoryStore {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** The plans' SQL is a fixed set of strings, so each is prepared once. */
  private readonly statements = new Map<string, Database.Statement>();

  private prepared(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private exec = (step: Step): Row[] => {
    const statement = this.prepared(step.sql);
    if (statement.reader) return statement.all(...step.params) as Row[];
    statement.run(...step.params);
    return [];
  };

  private write<T>(plan: Plan<T>): T {
    return this.db.transaction(() => runPlanSync(plan, this.exec)).immediate();
  }

  async putAgent(agent: DirectoryAgent): Promise<void> {
    this.write(putAgentPlan(agent, this.now()));
  }

  async removeAgent(agentId: AgentId): Promise<void> {
    this.write(removeAgentPlan(agentId, this.now()));
  }

  async putTeamsUsers(users: readonly DirectoryTeamsUser[], round?: string): Promise<void> {
    this.write(putTeamsUsersPlan(users, round ?? null, this.now()));
  }

  async removeTeamsUsers(ids: readonly TeamsUserId[]): Promise<void> {
    this.write(removeTeamsUsersPlan(ids, this.now()));
  }

  async removeTeamsUsersNotIn(round: string): Promise<number> {
    return this.write(removeTeamsNotInPlan(round, this.now()));
  }

  async setTeamsPresence(id: TeamsUserId, presence: TeamsPresence): Promise<boolean> {
    const result = this.db
      .prepare('UPDATE directory_teams SET availability = ?, activity = ? WHERE teams_user_id = ?')
      .run(presence.availability, presence.activity, id);
    return result.changes > 0;
  }

  async setWorkPresence(email: string, presence: string): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO directory_work (email_key, presence, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (email_key) DO UPDATE SET presence = excluded.presence, updated_at = excluded.updated_at`,
      )
      .run(addressKey(email), presence, this.now());
  }

  async findTeamsUser(address: string): Promise<DirectoryTeamsUser | null> {
    const step = findTeamsUserStep(address);
    const row = this.prepared(step.sql).get(...step.params) as Row | undefined;
    return row ? toTeamsUser(row) : null;
  }

  async presenceTargets(ids: readonly TeamsUserId[]): Promise<DirectoryPresenceTarget[]> {
    const targets: DirectoryPresenceTarget[] = [];
    for (let i = 0; i < ids.length; i += MAX_TARGET_IDS) {
      const step = presenceTargetsStep(ids.slice(i, i + MAX_TARGET_IDS));
      targets.push(...(this.db.prepare(step.sql).all(...step.params) as Row[]).map(toPresenceTarget));
    }
    return targets;
  }

  async recordPresence(records: readonly PresenceRecord[]): Promise<void> {
    this.db.transaction(() => records.forEach((r) => this.exec(recordStep(r))))();
  }

  async listContacts(query: ContactQuery): Promise<ContactPage> {
    let dense = false;
    if (query.prefix !== null) {
      const probe = denseProbe(query.prefix);
      dense = Number((this.prepared(probe.sql).get(...probe.params) as Row).n) >= DENSE_MATCHES;
    }
    const step = contactsQuery(query, dense);
    return toPage(this.prepared(step.sql).all(...step.params) as Row[], query.limit);
  }

  async teamsUserIds(afterId: string | null, limit: number): Promise<TeamsUserId[]> {
    const rows = this.db
      .prepare<[string, number], { teams_user_id: string }>(
        'SELECT teams_user_id FROM directory_teams WHERE teams_user_id > ? ORDER BY teams_user_id LIMIT ?',
      )
      .all(afterId ?? '', limit);
    return rows.map((r) => teamsUserId(r.teams_user_id));
  }

  async getSyncValue(name: string): Promise<string | null> {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM directory_sync WHERE name = ?')
      .get(name);
    return row?.value ?? null;
  }

  async setSyncValue(name: string, value: string | null): Promise<void> {
    if (value === null) {
      this.db.prepare('DELETE FROM directory_sync WHERE name = ?').run(name);
      return;
    }
    this.db
      .prepare(
        'INSERT INTO directory_sync (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      )
      .run(name, value);
  }
}
