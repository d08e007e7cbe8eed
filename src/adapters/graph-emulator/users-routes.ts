// Graph's user reads: GET /users (paged with $top and @odata.nextLink, $filter on mail / userPrincipalName,
// $select), GET /users/{id | userPrincipalName} and GET /users/delta (nextLink pages, then a deltaLink).
// None counts against the presence quota. Paging tokens are opaque to clients, as Graph's are.
import { type GraphCall, type GraphHandler, param } from './graph-call';
import { fail, ok, type Reply } from './http-kit';
import { route, type Route } from './router';
import type { EmulatedUser, UsersStore } from './users-store';

const DEFAULT_TOP = 100;
const MAX_TOP = 999;
const DELTA_PAGE = 200;
const PROPERTIES = ['id', 'userPrincipalName', 'displayName', 'mail', 'jobTitle'] as const;
type Property = (typeof PROPERTIES)[number];

const badRequest = (message: string): Reply => fail(400, 'BadRequest', message);

const encodeToken = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeToken(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function selected(query: URLSearchParams): readonly Property[] | Reply {
  const raw = query.get('$select');
  if (raw === null || raw.trim() === '') return PROPERTIES;
  const names = raw.split(',').map((n) => n.trim());
  const unknown = names.find((n) => !PROPERTIES.some((p) => p.toLowerCase() === n.toLowerCase()));
  if (unknown !== undefined)
    return badRequest(`Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  return PROPERTIES.filter((p) => p === 'id' || names.some((n) => n.toLowerCase() === p.toLowerCase()));
}

function project(user: EmulatedUser, props: readonly Property[]): Record<string, unknown> {
  return Object.fromEntries(props.map((p) => [p, user[p]]));
}

const CLAUSE = /\s*(mail|userPrincipalName)\s+eq\s+'((?:[^']|'')*)'\s*/iy;

/** `mail eq '…'` and `userPrincipalName eq '…'` clauses joined by `or`; a Reply when it is anything else. */
function filterClauses(filter: string): { field: 'mail' | 'userPrincipalName'; value: string }[] | Reply {
  const clauses: { field: 'mail' | 'userPrincipalName'; value: string }[] = [];
  CLAUSE.lastIndex = 0;
  for (;;) {
    const m = CLAUSE.exec(filter);
    if (!m) return badRequest(`Unsupported or invalid query filter clause: ${filter}`);
    const field = (m[1] ?? '').toLowerCase() === 'mail' ? 'mail' : 'userPrincipalName';
    clauses.push({ field, value: (m[2] ?? '').replace(/''/g, "'") });
    if (CLAUSE.lastIndex === filter.length) return clauses;
    const or = /or\b/iy;
    or.lastIndex = CLAUSE.lastIndex;
    if (!or.test(filter)) return badRequest(`Unsupported or invalid query filter clause: ${filter}`);
    CLAUSE.lastIndex = or.lastIndex;
  }
}

function filtered(store: UsersStore, filter: string, props: readonly Property[]): Reply {
  const clauses = filterClauses(filter);
  if (!Array.isArray(clauses)) return clauses;
  const found = new Map<string, EmulatedUser>();
  for (const c of clauses) for (const u of store.matching(c.field, c.value)) found.set(u.id, u);
  return ok({ value: [...found.values()].map((u) => project(u, props)) });
}

function listUsers(store: UsersStore, graphUrl: () => string): GraphHandler {
  return ({ query }) => {
    const props = selected(query);
    if (!Array.isArray(props)) return props as Reply;
    const filter = query.get('$filter');
    if (filter !== null) return filtered(store, filter, props);
    const top = query.get('$top') === null ? DEFAULT_TOP : Number(query.get('$top'));
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP)
      return badRequest(`Invalid page size specified: '${query.get('$top')}'. Must be between 1 and 999.`);
    const skip = query.get('$skiptoken');
    const token = skip === null ? {} : decodeToken(skip);
    if (!token || (token.after !== undefined && typeof token.after !== 'string'))
      return badRequest('The $skiptoken is invalid.');
    const users = store.page(token.after as string | undefined, top + 1);
    const page = users.slice(0, top);
    const last = page.at(-1);
    const body: Record<string, unknown> = { value: page.map((u) => project(u, props)) };
    if (users.length > top && last) {
      const select = query.get('$select') ? `&$select=${encodeURIComponent(query.get('$select') ?? '')}` : '';
      body['@odata.nextLink'] =
        `${graphUrl()}/users?$top=${top}${select}&$skiptoken=${encodeToken({ after: last.id })}`;
    }
    return ok(body);
  };
}

function userDelta(store: UsersStore, graphUrl: () => string): GraphHandler {
  return ({ query }) => {
    const props = selected(query);
    if (!Array.isArray(props)) return props as Reply;
    const raw = query.get('$skiptoken') ?? query.get('$deltatoken');
    const token = raw === null ? { since: 0, upTo: store.version } : decodeToken(raw);
    const { since, upTo, after } = token ?? {};
    if (typeof since !== 'number' || (after !== undefined && typeof after !== 'string'))
      return badRequest('The delta token is invalid.');
    // A token from before a reset names versions the tenant no longer has: the client must start over.
    if (since > store.version) return fail(410, 'resyncRequired', 'The delta token is no longer valid.');
    const end = typeof upTo === 'number' ? upTo : store.version;
    const changes = store.changes(since, end, after as string | undefined, DELTA_PAGE + 1);
    const page = changes.slice(0, DELTA_PAGE);
    const value = page.map((c) =>
      c.kind === 'changed' ? project(c.user, props) : { id: c.id, '@removed': { reason: 'changed' } },
    );
    const select = query.get('$select') ? `$select=${encodeURIComponent(query.get('$select') ?? '')}&` : '';
    const lastId = (c: (typeof page)[number]): string => (c.kind === 'changed' ? c.user.id : c.id);
    const last = page.at(-1);
    const link =
      changes.length > DELTA_PAGE && last
        ? {
            '@odata.nextLink': `${graphUrl()}/users/delta?${select}$skiptoken=${encodeToken({ since, upTo: end, after: lastId(last) })}`,
          }
        : {
            '@odata.deltaLink': `${graphUrl()}/users/delta?${select}$deltatoken=${encodeToken({ since: end })}`,
          };
    return ok({ value, ...link });
  };
}

function getUser(store: UsersStore): GraphHandler {
  return (call: GraphCall) => {
    const props = selected(call.query);
    if (!Array.isArray(props)) return props as Reply;
    const user = store.get(param(call, 0));
    if (!user) {
      return fail(
        404,
        'Request_ResourceNotFound',
        `Resource '${param(call, 0)}' does not exist or one of its queried reference-property objects are not present.`,
      );
    }
    return ok(project(user, props));
  };
}

export function usersRoutes(store: UsersStore, graphUrl: () => string): Route<GraphHandler>[] {
  return [
    route('GET', '/users', listUsers(store, graphUrl)),
    route('GET', '/users/delta', userDelta(store, graphUrl)),
    route('GET', '/users/:id', getUser(store)),
  ];
}
