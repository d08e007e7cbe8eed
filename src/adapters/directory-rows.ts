// The directory's list query, shared by SQLite and PostgreSQL: keyset paging over (rank, name_key,
// person_key), the identity-kind filter as a literal (so each kind's partial index applies), prefix search as
// ranges on indexed keys; and how a row becomes a contact (main identity first).
import type { ContactIdentity, DirectoryContact, IdentityKind } from '../directory/contact';
import { CodedError } from '../domain/errors';
import type { ContactQuery } from '../ports/directory-store.port';
import type { Row, SqlValue, Step } from './directory-plans';

/** Above every character: `key >= p AND key < p + TOP` is "key starts with p" in a bytewise order. */
const TOP = '\u{10FFFF}';

const KIND_COLUMN: Record<IdentityKind, string> = {
  'contact-center': 'has_cc',
  teams: 'has_teams',
  work: 'has_work',
};

type Cursor = readonly [number, string, string];

export function encodeCursor(row: Row): string {
  return Buffer.from(JSON.stringify([row.rank, row.name_key, row.person_key])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      Number.isInteger(value[0]) &&
      typeof value[1] === 'string' &&
      typeof value[2] === 'string'
    )
      return [value[0] as number, value[1], value[2]];
  } catch {
    // falls through to the error below
  }
  throw new CodedError('invalid_cursor', 'The cursor is not one this directory handed out.');
}

/** A search matching at least this many people reads the list in order and filters (see searchIsDense). */
export const DENSE_MATCHES = 1000;

function prefixTerm(prefix: string, dense: boolean, params: SqlValue[]): string {
  // `|| ''` hides a column from the index choice (in both dialects): a dense search then walks the order
  // index and stops after a page, instead of sorting every match.
  const ranges = ['p.name_key', 'p.surname_key', 'p.email_key']
    .map((c) => (dense ? `(${c} || '')` : c))
    .map((c) => `(${c} >= ? AND ${c} < ?)`);
  for (let i = 0; i < 3; i += 1) params.push(prefix, prefix + TOP);
  return `(${ranges.join(' OR ')})`;
}

/** Counts the search's matches up to DENSE_MATCHES through the search indexes (a bounded read). */
export function denseProbe(prefix: string): Step {
  const params: SqlValue[] = [];
  const term = prefixTerm(prefix, false, params);
  params.push(DENSE_MATCHES);
  return {
    sql: `SELECT COUNT(*) AS n FROM (SELECT 1 FROM directory_people p WHERE ${term} LIMIT ?) m`,
    params,
  };
}

/**
 * The SELECT for one page (limit + 1 rows, so the caller knows whether there is a next page). A sparse
 * search collects its few matches through the search indexes and sorts them; a dense one (denseProbe
 * reached DENSE_MATCHES) walks the list in order, finding a page within a few thousand rows.
 */
export function contactsQuery(query: ContactQuery, dense = false): Step {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (query.type) where.push(`p.${KIND_COLUMN[query.type]} = 1`);
  if (query.prefix !== null) where.push(prefixTerm(query.prefix, dense, params));
  if (query.after !== null) {
    where.push('(p.rank, p.name_key, p.person_key) > (?, ?, ?)');
    params.push(...decodeCursor(query.after));
  }
  params.push(query.limit + 1);
  // The page is chosen on directory_people alone (index order, or the search's matches sorted), and only
  // its rows are joined to their presence.
  const sql = `SELECT p.person_key, p.email, p.display_name, p.name_key, p.job_title, p.rank, p.has_cc,
      p.has_work, p.agent_id, p.teams_user_id, s.cc_state, t.availability, w.presence AS work_presence
    FROM (SELECT * FROM directory_people p
      ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.rank, p.name_key, p.person_key
      LIMIT ?) p
    LEFT JOIN agent_sync_state s ON s.agent_id = p.agent_id
    LEFT JOIN directory_teams t ON t.teams_user_id = p.teams_user_id
    LEFT JOIN directory_work w ON w.email_key = p.email_key
    ORDER BY p.rank, p.name_key, p.person_key`;
  return { sql, params };
}

const str = (v: SqlValue | undefined): string | null => (typeof v === 'string' ? v : null);

/** Presence values when a source has not told us yet. */
const UNKNOWN: Record<IdentityKind, string> = {
  'contact-center': 'unknown',
  teams: 'PresenceUnknown',
  work: 'unknown',
};

export function toContact(row: Row): DirectoryContact {
  const identities: ContactIdentity[] = [];
  const add = (kind: IdentityKind, id: string | null, presence: string | null): void => {
    if (id !== null) identities.push({ kind, id, presence: presence ?? UNKNOWN[kind] });
  };
  add('contact-center', Number(row.has_cc) === 1 ? str(row.agent_id) : null, str(row.cc_state));
  add('teams', str(row.teams_user_id), str(row.availability));
  add('work', Number(row.has_work) === 1 ? str(row.email) : null, str(row.work_presence));
  const main = identities[0] as ContactIdentity;
  const jobTitle = str(row.job_title);
  return {
    displayName: str(row.display_name) ?? '',
    email: str(row.email) ?? '',
    ...(jobTitle ? { jobTitle } : {}),
    identities,
    presence: { source: main.kind, value: main.presence },
  };
}

/** A page from the rows of contactsQuery. */
export function toPage(rows: readonly Row[], limit: number): { contacts: DirectoryContact[]; next?: string } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const contacts = page.map(toContact);
  return rows.length > limit && last ? { contacts, next: encodeCursor(last) } : { contacts };
}
