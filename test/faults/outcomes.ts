// What became of the accepted events, read straight from the store (PostgreSQL schema or SQLite file): each
// one's final status, the ones lost (missing, still pending or failed), and agents whose applied events were
// applied out of their order (a newer event applied before an older one that was then applied too).
import Database from 'better-sqlite3';
import pg from 'pg';
import type { SentEvent } from './load';

export interface InboxRow {
  readonly id: string;
  readonly agent_id: string;
  readonly status: string;
  readonly processed_at: string | null;
}

export interface Outcomes {
  readonly byStatus: Record<string, number>;
  /** Accepted and not settled: missing from the inbox, still pending, or failed. */
  readonly lost: readonly string[];
  readonly pending: number;
  readonly outOfOrderAgents: readonly string[];
}

export function outcomesOf(accepted: readonly SentEvent[], rows: readonly InboxRow[]): Outcomes {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const byStatus: Record<string, number> = {};
  const lost: string[] = [];
  let pending = 0;
  for (const e of accepted) {
    const status = byId.get(e.id)?.status ?? 'missing';
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 'pending') pending += 1;
    if (status === 'missing' || status === 'pending' || status === 'failed') lost.push(e.id);
  }
  const outOfOrder = new Set<string>();
  const lastApplied = new Map<string, string>();
  for (const e of [...accepted].sort((x, y) => x.round - y.round)) {
    const row = byId.get(e.id);
    if (row?.status !== 'applied' || !row.processed_at) continue;
    const previous = lastApplied.get(e.agentId);
    if (previous && previous > row.processed_at) outOfOrder.add(e.agentId);
    lastApplied.set(e.agentId, row.processed_at);
  }
  return { byStatus, lost, pending, outOfOrderAgents: [...outOfOrder] };
}

const COLUMNS = 'id, agent_id, status, processed_at';

export async function pgInbox(url: string, schema: string): Promise<InboxRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<InboxRow>(
      `SELECT ${COLUMNS} FROM ${pg.escapeIdentifier(schema)}.inbox_events`,
    );
    return rows;
  } finally {
    await client.end();
  }
}

/** Reads a live instance's SQLite file (WAL lets a reader in beside the writer). */
export function sqliteInbox(file: string): InboxRow[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT ${COLUMNS} FROM inbox_events`).all() as InboxRow[];
  } finally {
    db.close();
  }
}

/** Agents whose Teams availability is not their last accepted event's state. */
export function wrongInTeams(
  last: ReadonlyMap<string, SentEvent>,
  presenceOf: (agent: string) => string,
): string[] {
  return [...last.values()].filter((e) => presenceOf(e.agentId) !== e.state).map((e) => e.agentId);
}

/** The stored contact-center state of some agents, as `agent=state@time` (for failure messages). */
export async function pgStoredStates(
  url: string,
  schema: string,
  agents: readonly string[],
): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ agent_id: string; cc_state: string; cc_state_at: string }>(
      `SELECT agent_id, cc_state, cc_state_at FROM ${pg.escapeIdentifier(schema)}.agent_sync_state
        WHERE agent_id = ANY($1) ORDER BY agent_id`,
      [agents],
    );
    return rows.map((r) => `${r.agent_id}=${r.cc_state}@${r.cc_state_at}`).join(' ');
  } finally {
    await client.end();
  }
}

interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly at: number;
}

/** A user's last presence calls at Graph, as `+ms:call:availability:status` from `since` (failure messages). */
export function presenceTrail(
  requests: readonly LoggedRequest[],
  user: string,
  since: number,
  last = 6,
): string {
  return requests
    .filter((r) => r.path.includes(`/users/${user}/presence/`))
    .slice(-last)
    .map((r) => {
      const body = (r.body ?? {}) as { availability?: unknown };
      const call = r.path.split('/').pop() ?? '';
      return `+${r.at - since}:${call}:${String(body.availability ?? '-')}:${r.status}`;
    })
    .join(' ');
}
