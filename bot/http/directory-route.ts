// GET /api/directory/contacts?q=&type=&cursor=&limit=: the contacts directory (seed 002), for the tab (a Teams
// SSO token) and for a contact-center platform's server (the admin key). A thin edge: check who asks, check
// the query, read one page from the DirectoryStore (never Graph), answer.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { IDENTITY_KINDS, searchPrefix, type IdentityKind } from '../../src/directory/contact';
import { CodedError } from '../../src/domain/errors';
import type { DirectoryStore } from '../../src/ports/directory-store.port';
import type { Logger } from '../../src/ports/logger.port';
import { sendError } from './http-errors';
import { sendSsoFailure, type SsoVerifier } from './sso-auth';

export interface DirectoryRouteDeps {
  readonly directory: DirectoryStore;
  readonly verifySso: SsoVerifier;
  /** ADMIN_API_KEY; null: only SSO tokens get in. */
  readonly adminApiKey: string | null;
  readonly logger: Logger;
}

export const DEFAULT_PAGE = 50;
export const MAX_PAGE = 200;
const MAX_QUERY_CHARS = 100;
const MAX_CURSOR_CHARS = 1024;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function isAdminKey(authorization: string | undefined, key: string | null): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  return key !== null && given !== undefined && timingSafeEqual(digest(given), digest(key));
}

type Parsed =
  | { ok: true; prefix: string | null; type: IdentityKind | null; after: string | null; limit: number }
  | { ok: false; message: string };

/** The parameter's value; undefined when absent, null when given more than once. */
function one(params: URLSearchParams, name: string): string | undefined | null {
  const values = params.getAll(name);
  return values.length === 0 ? undefined : values.length === 1 ? values[0] : null;
}

function parseQuery(req: Request): Parsed {
  const params = new URL(req.url ?? '/', 'http://switchboard.invalid').searchParams;
  const values = ['q', 'type', 'cursor', 'limit'].map((n) => one(params, n));
  if (values.includes(null)) return { ok: false, message: 'Give each parameter once' };
  const [q, type, cursor, limit] = values as (string | undefined)[];
  if (q !== undefined && [...q].length > MAX_QUERY_CHARS)
    return { ok: false, message: `q must be at most ${MAX_QUERY_CHARS} characters` };
  if (type !== undefined && type !== '' && !IDENTITY_KINDS.some((k) => k === type))
    return { ok: false, message: `type must be one of ${IDENTITY_KINDS.join(', ')}` };
  if (cursor !== undefined && cursor.length > MAX_CURSOR_CHARS)
    return { ok: false, message: 'cursor is not one this directory handed out' };
  const size = limit === undefined || limit === '' ? DEFAULT_PAGE : Number(limit);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE)
    return { ok: false, message: `limit must be an integer from 1 to ${MAX_PAGE}` };
  return {
    ok: true,
    prefix: searchPrefix(q ?? undefined),
    type: type ? (type as IdentityKind) : null,
    after: cursor ? cursor : null,
    limit: size,
  };
}

async function contacts(deps: DirectoryRouteDeps, req: Request, res: Response): Promise<void> {
  const authorization = req.header('authorization');
  if (!isAdminKey(authorization, deps.adminApiKey)) {
    const auth = await deps.verifySso(authorization);
    if (!auth.ok) return sendSsoFailure(res, auth);
  }
  const query = parseQuery(req);
  if (!query.ok) return sendError(res, 400, 'invalid_query', query.message);
  try {
    const page = await deps.directory.listContacts(query);
    res.send(200, page.next ? { contacts: page.contacts, next: page.next } : { contacts: page.contacts });
  } catch (error) {
    if (error instanceof CodedError && error.code === 'invalid_cursor')
      return sendError(res, 400, 'invalid_cursor', error.message);
    throw error;
  }
}

export function mountDirectory(server: Server, deps: DirectoryRouteDeps): void {
  server.get('/api/directory/contacts', async (req: Request, res: Response) => contacts(deps, req, res));
}
