// Who is calling a Graph route: the application (the static GRAPH_TOKEN, or anyone when no token is
// configured) or a delegated user holding an access token the emulator issued.
import { timingSafeEqual } from 'node:crypto';
import type { DelegatedIdentity, DelegatedTokens } from './delegated-tokens';

export type Caller =
  { readonly kind: 'app' } | { readonly kind: 'delegated'; readonly identity: DelegatedIdentity };

export type CallerCheck =
  { readonly ok: true; readonly caller: Caller } | { readonly ok: false; readonly message: string };

export function bearerOf(authorization: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return m?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function identifyCaller(
  authorization: string | undefined,
  staticToken: string | undefined,
  tokens: DelegatedTokens,
): CallerCheck {
  const bearer = bearerOf(authorization);
  if (bearer) {
    const delegated = tokens.check(bearer);
    if (delegated.status === 'valid')
      return { ok: true, caller: { kind: 'delegated', identity: delegated.identity } };
    if (delegated.status === 'expired')
      return { ok: false, message: 'Lifetime validation failed, the token is expired.' };
  }
  if (staticToken === undefined) return { ok: true, caller: { kind: 'app' } };
  if (!bearer) return { ok: false, message: 'Access token is empty.' };
  if (sameSecret(bearer, staticToken)) return { ok: true, caller: { kind: 'app' } };
  return { ok: false, message: 'Access token validation failure. Invalid audience.' };
}
