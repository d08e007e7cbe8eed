// Rows of the identity routes (issue 9): linking, events and the tab's admin console. Tokens are checked
// first on every tab route (rows/tab.ts runs the forged-token classes over them); these rows cover what a
// valid token may still not do, and bad CSV files on the import.
import { HUGE_HEADER } from '../bodies';
import type { SecurityRow } from '../table';
import { adminHeaders, send, type Target } from '../target';

const bearer = (token: string, type = 'application/json') => ({
  authorization: `Bearer ${token}`,
  'content-type': type,
});

const TAB_ADMIN: ReadonlyArray<readonly [string, string, string | undefined]> = [
  ['GET', '/api/tab/admin/links', undefined],
  ['GET', '/api/tab/admin/links/export', undefined],
  ['GET', '/api/tab/admin/links/conflicts', undefined],
  ['POST', '/api/tab/admin/links/import?dryRun=true', 'agentId,upn\nA100,a@x.test'],
  ['PUT', '/api/tab/admin/links/A100', '{"teamsUserId":"5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d"}'],
  ['DELETE', '/api/tab/admin/links/A100', undefined],
  ['GET', '/api/tab/admin/health', undefined],
  ['PUT', '/api/tab/admin/mapping', '{}'],
  ['POST', '/api/tab/admin/mapping/dry-run', '{}'],
];

const nonAdminRows = (): SecurityRow[] =>
  TAB_ADMIN.flatMap(([method, path, body]): SecurityRow[] => [
    {
      input: 'valid token without the admin role or group',
      route: `${method} ${path}`,
      send: (t) =>
        send(t, path, {
          method,
          headers: bearer(t.ssoToken({ roles: ['Other.Role'] }), 'text/csv'),
          ...(body ? { body } : {}),
        }),
      status: 403,
      code: 'not_admin',
    },
  ]);

const importCsv = (t: Target, csv: string, type = 'text/csv') =>
  send(t, '/api/admin/links/import', {
    method: 'POST',
    headers: adminHeaders({ 'content-type': type }),
    body: csv,
  });

const CSV_ROWS: ReadonlyArray<readonly [string, string, number, string, string?]> = [
  ['CSV with a wrong header', 'agentId,email\nA100,a@x.test', 400, 'invalid_csv'],
  ['CSV with a bad row', 'agentId,upn\nA100,not-an-address', 400, 'invalid_csv'],
  ['CSV with an unterminated quote', 'agentId,upn\n"A100,a@x.test', 400, 'invalid_csv'],
  ['CSV with duplicate agents', 'agentId,upn\nA200,a@x.test\nA200,b@x.test', 400, 'duplicate_rows'],
  [
    'CSV with 5,001 rows',
    `agentId,upn\n${Array.from({ length: 5001 }, (_, i) => `R${i},r${i}@x.test`).join('\n')}`,
    400,
    'too_many_rows',
  ],
  ['CSV of 3 MB', `agentId,upn\nA300,${'x'.repeat(3 * 1024 * 1024)}@x.test`, 413, 'payload_too_large'],
  ['JSON instead of CSV', '{"agentId":"A100"}', 415, 'unsupported_media_type', 'application/json'],
];

export const identityRows = (): SecurityRow[] => [
  ...nonAdminRows(),
  ...CSV_ROWS.map(([input, csv, status, code, type]): SecurityRow => ({
    input,
    route: 'POST /api/admin/links/import',
    send: (t) => importCsv(t, csv, type),
    status,
    code,
  })),
  {
    input: 'link request by a user already linked',
    route: 'POST /api/tab/link',
    send: (t) => send(t, '/api/tab/link', { headers: bearer(t.ssoToken()), body: '{"agentId":"A100"}' }),
    status: 409,
    code: 'link_conflict',
  },
  {
    input: 'code without a pending request',
    route: 'POST /api/tab/link/confirm',
    send: (t) =>
      send(t, '/api/tab/link/confirm', { headers: bearer(t.ssoToken()), body: '{"code":"12345678"}' }),
    status: 404,
    code: 'no_pending_link',
  },
  {
    input: 'code of the wrong shape',
    route: 'POST /api/tab/link/confirm',
    send: (t) =>
      send(t, '/api/tab/link/confirm', { headers: bearer(t.ssoToken()), body: '{"code":"1; DROP"}' }),
    status: 400,
    code: 'invalid_code',
  },
  {
    input: 'forged events ticket',
    route: 'GET /api/tab/events',
    send: (t) => send(t, `/api/tab/events?ticket=${t.user}.9999999999999.AAAA`, { method: 'GET' }),
    status: 401,
    code: 'invalid_ticket',
  },
  {
    input: '1 MB Authorization header',
    route: 'GET /api/tab/events',
    send: (t) => send(t, '/api/tab/events', { method: 'GET', headers: { authorization: HUGE_HEADER } }),
    status: 431,
    code: 'headers_too_large',
  },
];
