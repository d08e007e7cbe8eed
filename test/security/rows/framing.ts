// Rows every body-reading route shares: size, Content-Encoding, bombs, broken streams, huge headers,
// malformed JSON, invalid UTF-8, deep nesting, a wrong media type. One body reader serves them all
// (bot/http/raw-body.ts), so each class gets the same answer on every route.
import { brokenGzip, bomb, deepObject, HUGE_HEADER, invalidUtf8, oversized } from '../bodies';
import type { SecurityRow } from '../table';
import { adminHeaders, send, signedHeaders, type Target } from '../target';

export interface BodyRoute {
  readonly route: string;
  readonly method: string;
  readonly path: string;
  /** The route's byte limit (decoded and on the wire). */
  readonly limit: number;
  /** Headers that authorise the body (signature, admin key); the body is what is signed. */
  readonly headers: (body: string | Buffer) => Record<string, string>;
  /** The code for a body that is not JSON (or not UTF-8). */
  readonly notJsonCode: string;
  /** The code for JSON of the wrong shape (deep nesting lands here). */
  readonly shapeCode: string;
  /** Whether a non-JSON Content-Type is refused with 415. */
  readonly checksMediaType: boolean;
}

const ADMIN_LIMIT = 256 * 1024;

export const BODY_ROUTES: readonly BodyRoute[] = [
  {
    route: 'POST /api/cc/events',
    method: 'POST',
    path: '/api/cc/events',
    limit: 1024 * 1024,
    headers: (body) => signedHeaders(body),
    notJsonCode: 'invalid_json',
    shapeCode: 'invalid_event',
    checksMediaType: true,
  },
  {
    route: 'PUT /api/admin/links/{id}',
    method: 'PUT',
    path: '/api/admin/links/SEC1',
    limit: ADMIN_LIMIT,
    headers: () => adminHeaders(),
    notJsonCode: 'invalid_json',
    shapeCode: 'invalid_link',
    checksMediaType: true,
  },
  {
    route: 'PUT /api/admin/mapping',
    method: 'PUT',
    path: '/api/admin/mapping',
    limit: ADMIN_LIMIT,
    headers: () => adminHeaders(),
    notJsonCode: 'invalid_json',
    shapeCode: 'invalid_profile',
    checksMediaType: true,
  },
  {
    route: 'PUT /api/admin/sync-accounts/{name}',
    method: 'PUT',
    path: '/api/admin/sync-accounts/sec2',
    limit: 64 * 1024,
    headers: () => adminHeaders(),
    notJsonCode: 'invalid_json',
    shapeCode: 'invalid_sync_account',
    checksMediaType: true,
  },
  ...['/api/graph/notifications', '/api/graph/lifecycle'].map((path) => ({
    route: `POST ${path}`,
    method: 'POST',
    path,
    limit: 4 * 1024 * 1024,
    headers: () => ({ 'content-type': 'application/json' }),
    notJsonCode: 'invalid_notification',
    shapeCode: 'invalid_notification',
    checksMediaType: false,
  })),
];

const post =
  (r: BodyRoute, body: string | Buffer, extra: Record<string, string> = {}) =>
  (t: Target) =>
    send(t, r.path, { method: r.method, body, headers: { ...r.headers(body), ...extra } });

function encodingRows(r: BodyRoute): SecurityRow[] {
  const base = { route: r.route };
  const bombs = (['gzip', 'deflate', 'br'] as const).map((coding): SecurityRow => ({
    ...base,
    input: `${coding} bomb (32 MiB decoded)`,
    send: (t) => post(r, bomb(coding), { 'content-encoding': coding })(t),
    status: 415,
    code: 'unsupported_content_encoding',
  }));
  return [
    ...bombs,
    {
      ...base,
      input: 'unknown Content-Encoding',
      send: post(r, '{}', { 'content-encoding': 'compress' }),
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      ...base,
      input: 'stacked Content-Encoding',
      send: post(r, '{}', { 'content-encoding': 'gzip, br' }),
      status: 415,
      code: 'unsupported_content_encoding',
    },
    {
      ...base,
      input: 'broken gzip stream',
      send: (t) => post(r, brokenGzip(), { 'content-encoding': 'gzip' })(t),
      status: 400,
      code: 'invalid_content_encoding',
    },
  ];
}

function jsonRows(r: BodyRoute): SecurityRow[] {
  const base = { route: r.route };
  const rows: SecurityRow[] = [
    { ...base, input: 'malformed JSON', send: post(r, '{"id": '), status: 400, code: r.notJsonCode },
    {
      ...base,
      input: 'invalid UTF-8',
      send: (t) => post(r, invalidUtf8('{"x": "\uFFFD"}'))(t),
      status: 400,
      code: r.notJsonCode,
    },
    {
      ...base,
      input: 'deep nesting',
      send: (t) => post(r, deepObject(r.limit))(t),
      status: 400,
      code: r.shapeCode,
    },
  ];
  if (r.checksMediaType) {
    rows.push({
      ...base,
      input: 'Content-Type text/plain',
      send: post(r, '{}', { 'content-type': 'text/plain' }),
      status: 415,
      code: 'unsupported_media_type',
    });
  }
  return rows;
}

function sizeRows(r: BodyRoute): SecurityRow[] {
  const base = { route: r.route };
  return [
    {
      ...base,
      input: `oversized (limit + 1 byte)`,
      send: (t) => post(r, oversized(r.limit + 1))(t),
      status: 413,
      code: 'payload_too_large',
    },
    {
      ...base,
      input: '1 MB Authorization header',
      send: post(r, '{}', { authorization: HUGE_HEADER }),
      status: 431,
      code: 'headers_too_large',
    },
  ];
}

/** Every framing row for one body route; another suite (e.g. /api/messages) can describe its route and reuse them. */
export const bodyRouteRows = (r: BodyRoute): SecurityRow[] => [
  ...sizeRows(r),
  ...encodingRows(r),
  ...jsonRows(r),
];

export const framingRows = (): SecurityRow[] => BODY_ROUTES.flatMap(bodyRouteRows);
