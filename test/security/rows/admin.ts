// Rows of the admin API: the key (missing, wrong), ids in paths (one validator: src/domain/ids.ts) and
// bodies of the wrong shape, on links, agent status, mapping and sync accounts.
import type { SecurityRow } from '../table';
import { adminHeaders, send, type Target } from '../target';

const GUID = '5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const LONG_ID = 'L'.repeat(10_000);
const linkBody = JSON.stringify({ teamsUserId: GUID });

interface IdRoute {
  readonly route: string;
  readonly method: string;
  readonly path: (id: string) => string;
  readonly body?: string;
}

const ID_ROUTES: readonly IdRoute[] = [
  {
    route: 'PUT /api/admin/links/{id}',
    method: 'PUT',
    path: (id) => `/api/admin/links/${id}`,
    body: linkBody,
  },
  { route: 'DELETE /api/admin/links/{id}', method: 'DELETE', path: (id) => `/api/admin/links/${id}` },
  {
    route: 'GET /api/admin/agents/{id}/status',
    method: 'GET',
    path: (id) => `/api/admin/agents/${id}/status`,
  },
  {
    route: 'PUT /api/admin/sync-accounts/{name}',
    method: 'PUT',
    path: (id) => `/api/admin/sync-accounts/${id}`,
    body: JSON.stringify({ refreshToken: 'never-redeemed' }),
  },
  {
    route: 'DELETE /api/admin/sync-accounts/{name}',
    method: 'DELETE',
    path: (id) => `/api/admin/sync-accounts/${id}`,
  },
];

/** Routes that take no id but still demand the key. */
const KEY_ONLY_ROUTES: readonly IdRoute[] = [
  { route: 'PUT /api/admin/mapping', method: 'PUT', path: () => '/api/admin/mapping', body: '{}' },
  { route: 'GET /api/admin/links', method: 'GET', path: () => '/api/admin/links' },
  { route: 'GET /api/admin/sync-accounts', method: 'GET', path: () => '/api/admin/sync-accounts' },
];

/** Encoded path segments that decode to ids the validator refuses. */
const BAD_PATH_IDS: ReadonlyArray<readonly [string, string]> = [
  ['NUL in an id', 'a%00b'],
  ['a single space as id', '%20'],
  ['surrounding spaces', '%20A1%20'],
  ['control character', 'A%07'],
  ['bidi override', 'A%E2%80%AE1'],
  ['id of 257 characters', 'x'.repeat(257)],
  ['id of 10,000 characters', LONG_ID],
];

const call = (r: IdRoute, id: string, headers: Record<string, string>) => (t: Target) =>
  send(t, r.path(id), { method: r.method, headers, ...(r.body ? { body: r.body } : {}) });

function idRows(r: IdRoute): SecurityRow[] {
  return BAD_PATH_IDS.map(([input, id]) => ({
    input,
    route: r.route,
    send: call(r, id, adminHeaders()),
    status: 400,
    code: 'invalid_id',
    ...(id === LONG_ID ? { notEchoed: LONG_ID } : {}),
  }));
}

/** Paths whose %-escapes do not decode to UTF-8 (a lone surrogate, a cut sequence, a bare %). */
const UNDECODABLE: readonly string[] = ['%ED%A0%80', '%E0%A4%A', '%', '%FF'];

function pathRows(r: IdRoute): SecurityRow[] {
  return UNDECODABLE.map((id) => ({
    input: `undecodable path escape ${id}`,
    route: r.route,
    send: call(r, id, adminHeaders()),
    status: 400,
    code: 'invalid_path',
  }));
}

function authRows(r: IdRoute): SecurityRow[] {
  return [
    {
      input: 'no admin key',
      route: r.route,
      send: call(r, 'SEC1', { 'content-type': 'application/json' }),
      status: 401,
      code: 'unauthorized',
    },
    {
      input: 'wrong admin key',
      route: r.route,
      send: call(r, 'SEC1', adminHeaders({ authorization: 'Bearer guessed' })),
      status: 401,
      code: 'unauthorized',
    },
  ];
}

const put = (path: string, body: unknown) => (t: Target) =>
  send(t, path, { method: 'PUT', headers: adminHeaders(), body: JSON.stringify(body) });

const shapeRows: SecurityRow[] = [
  {
    input: 'wrong types (teamsUserId a number)',
    route: 'PUT /api/admin/links/{id}',
    send: put('/api/admin/links/SEC1', { teamsUserId: 5 }),
    status: 400,
    code: 'invalid_link',
  },
  {
    input: 'teamsUserId not a GUID',
    route: 'PUT /api/admin/links/{id}',
    send: put('/api/admin/links/SEC1', { teamsUserId: '<script>alert(1)</script>' }),
    status: 400,
    code: 'invalid_link',
  },
  {
    input: 'wrong types (a profile as an array)',
    route: 'PUT /api/admin/mapping',
    send: put('/api/admin/mapping', [1, 2, 3]),
    status: 400,
    code: 'invalid_profile',
  },
  {
    input: 'wrong types (states a string)',
    route: 'PUT /api/admin/mapping',
    send: put('/api/admin/mapping', { name: 'x', states: 'Available' }),
    status: 400,
    code: 'invalid_profile',
  },
  {
    input: 'wrong types (refreshToken a number)',
    route: 'PUT /api/admin/sync-accounts/{name}',
    send: put('/api/admin/sync-accounts/sec2', { refreshToken: 5 }),
    status: 400,
    code: 'invalid_sync_account',
  },
];

export const adminRows = (): SecurityRow[] => [
  ...ID_ROUTES.flatMap((r) => [...authRows(r), ...idRows(r), ...pathRows(r)]),
  ...KEY_ONLY_ROUTES.flatMap(authRows),
  ...shapeRows,
];
