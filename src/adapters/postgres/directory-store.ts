// The DirectoryStore on PostgreSQL, on the Store's pool. Each write runs its plan (directory-plans.ts) step
// by step inside one transaction on one client; reads are single statements on the pool.
import type pg from 'pg';
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
  runPlan,
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
import { inTransaction, type Queryable } from './transaction';

/** `?` placeholders as PostgreSQL's $1, $2, … (the shared SQL has no `?` inside literals). */
function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

async function exec(db: Queryable, step: Step): Promise<Row[]> {
  const result = await db.query<Row>(numbered(step.sql), [...step.params]);
  return result.rows;
}

export class PostgresDirectoryStore implements DirectoryStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  private write<T>(plan: Plan<T>): Promise<T> {
    return inTransaction(this.pool, (client) => runPlan(plan, (step) => exec(client, step)));
  }

  async putAgent(agent: DirectoryAgent): Promise<void> {
    await this.write(putAgentPlan(agent, this.now()));
  }

  async removeAgent(agentId: AgentId): Promise<void> {
    await this.write(removeAgentPlan(agentId, this.now()));
  }

  async putTeamsUsers(users: readonly DirectoryTeamsUser[], round?: string): Promise<void> {
    await this.write(putTeamsUsersPlan(users, round ?? null, this.now()));
  }

  async removeTeamsUsers(ids: readonly TeamsUserId[]): Promise<void> {
    await this.write(removeTeamsUsersPlan(ids, this.now()));
  }

  removeTeamsUsersNotIn(round: string): Promise<number> {
    return this.write(removeTeamsNotInPlan(round, this.now()));
  }

  async setTeamsPresence(id: TeamsUserId, presence: TeamsPresence): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'UPDATE directory_teams SET availability = $1, activity = $2 WHERE teams_user_id = $3',
      [presence.availability, presence.activity, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async setWorkPresence(email: string, presence: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO directory_work (email_key, presence, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (email_key) DO UPDATE SET presence = excluded.presence, updated_at = excluded.updated_at`,
      [addressKey(email), presence, this.now()],
    );
  }

  async findTeamsUser(address: string): Promise<DirectoryTeamsUser | null> {
    const [row] = await exec(this.pool, findTeamsUserStep(address));
    return row ? toTeamsUser(row) : null;
  }

  async presenceTargets(ids: readonly TeamsUserId[]): Promise<DirectoryPresenceTarget[]> {
    const targets: DirectoryPresenceTarget[] = [];
    for (let i = 0; i < ids.length; i += MAX_TARGET_IDS) {
      const rows = await exec(this.pool, presenceTargetsStep(ids.slice(i, i + MAX_TARGET_IDS)));
      targets.push(...rows.map(toPresenceTarget));
    }
    return targets;
  }

  async recordPresence(records: readonly PresenceRecord[]): Promise<void> {
    if (records.length === 0) return;
    await inTransaction(this.pool, async (client) => {
      for (const r of records) await exec(client, recordStep(r));
    });
  }

  async listContacts(query: ContactQuery): Promise<ContactPage> {
    let dense = false;
    if (query.prefix !== null) {
      const [probe] = await exec(this.pool, denseProbe(query.prefix));
      dense = Number(probe?.n) >= DENSE_MATCHES;
    }
    return toPage(await exec(this.pool, contactsQuery(query, dense)), query.limit);
  }

  async teamsUserIds(afterId: string | null, limit: number): Promise<TeamsUserId[]> {
    const { rows } = await this.pool.query<{ teams_user_id: string }>(
      'SELECT teams_user_id FROM directory_teams WHERE teams_user_id > $1 ORDER BY teams_user_id LIMIT $2',
      [afterId ?? '', limit],
    );
    return rows.map((r) => teamsUserId(r.teams_user_id));
  }

  async getSyncValue(name: string): Promise<string | null> {
    const { rows } = await this.pool.query<{ value: string }>(
      'SELECT value FROM directory_sync WHERE name = $1',
      [name],
    );
    return rows[0]?.value ?? null;
  }

  async setSyncValue(name: string, value: string | null): Promise<void> {
    if (value === null) {
      await this.pool.query('DELETE FROM directory_sync WHERE name = $1', [name]);
      return;
    }
    await this.pool.query(
      'INSERT INTO directory_sync (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      [name, value],
    );
  }
}
