// Rows of the tab's API: every forged or misissued Teams SSO token gets 401 and shows nothing.
import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { HUGE_HEADER } from '../bodies';
import type { SecurityRow } from '../table';
import { CLIENT_ID, send, type Target } from '../target';

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

function claims(t: Target): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  const tid = JSON.parse(Buffer.from(t.ssoToken().split('.')[1] ?? '', 'base64url').toString()).tid;
  const iss = `${t.f.emulator.origin}/${tid}/v2.0`;
  return {
    aud: CLIENT_ID,
    iss,
    tid,
    oid: t.user,
    scp: 'access_as_user',
    iat: now,
    nbf: now,
    exp: now + 3600,
  };
}

/** A well-formed RS256 token signed by a key that is not the identity provider's. */
function foreignKeyToken(t: Target): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = JSON.parse(Buffer.from(t.ssoToken().split('.')[0] ?? '', 'base64url').toString()).kid;
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64(claims(t))}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

const hs256Token = (t: Target): string => {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims(t))}`;
  return `${input}.${createHmac('sha256', CLIENT_ID).update(input).digest('base64url')}`;
};
const noneToken = (t: Target): string => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(t))}.`;

const TOKENS: ReadonlyArray<readonly [string, (t: Target) => string | null, string]> = [
  ['no token', () => null, 'token_missing'],
  ['garbage token', () => 'not.a.jwt', 'invalid_token'],
  ['token signed by a foreign key', foreignKeyToken, 'invalid_token'],
  ['HS256 token', hs256Token, 'invalid_token'],
  ['alg none token', noneToken, 'invalid_token'],
  ['expired token', (t) => t.ssoToken({ expiresInSeconds: -600 }), 'token_expired'],
  ['token for another app', (t) => t.ssoToken({ aud: randomUUID() }), 'invalid_token'],
  ['token without the scope', (t) => t.ssoToken({ scp: null }), 'insufficient_scope'],
  ['cross-tenant token', (t) => t.ssoToken({ tid: randomUUID() }), 'tenant_not_allowed'],
];

const ROUTES: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/api/tab/me'],
  ['POST', '/api/tab/link'],
  ['DELETE', '/api/tab/link'],
  ['POST', '/api/tab/link/confirm'],
  ['POST', '/api/tab/events/ticket'],
  ['GET', '/api/tab/events'],
  ['GET', '/api/tab/admin/health'],
  ['POST', '/api/tab/admin/links/import'],
];

export const tabRows = (): SecurityRow[] =>
  ROUTES.flatMap(([method, path]): SecurityRow[] => [
    ...TOKENS.map(([input, token, code]): SecurityRow => ({
      input,
      route: `${method} ${path}`,
      send: (t) => {
        const value = token(t);
        const headers: Record<string, string> = value ? { authorization: `Bearer ${value}` } : {};
        return send(t, path, {
          method,
          headers,
          ...(method === 'POST' ? { body: '{"agentId":"A100"}' } : {}),
        });
      },
      status: 401,
      code,
    })),
    {
      input: '1 MB Authorization header',
      route: `${method} ${path}`,
      send: (t) => send(t, path, { method, headers: { authorization: HUGE_HEADER } }),
      status: 431,
      code: 'headers_too_large',
    },
  ]);
