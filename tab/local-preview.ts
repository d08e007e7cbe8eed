// Local preview (issue 9 item 4): outside Teams, in local mode, the service offers the emulator's users
// (GET /api/tab/config) and a sign-in that returns an SSO token from the emulator's issuer. The token then
// goes through the same verification as a Teams one; only where it comes from differs.
import type { TokenSource } from './api';

export interface LocalUser {
  readonly oid: string;
  readonly name: string;
  readonly upn: string;
}

export interface LocalConfig {
  readonly mode: 'local';
  readonly emulator: string;
  readonly users: readonly LocalUser[];
}

const REMEMBERED = 'switchboard.localUser';
/** Tokens live an hour; sign in again well before so a call never carries an expired one. */
const TOKEN_REUSE_MS = 50 * 60_000;

/** The local-mode config, or null when the service is not in local mode (or cannot be reached). */
export async function fetchLocalConfig(): Promise<LocalConfig | null> {
  try {
    const response = await fetch('/api/tab/config', { headers: { accept: 'application/json' } });
    if (!response.ok) return null;
    const body = (await response.json()) as Partial<LocalConfig>;
    return body.mode === 'local' && Array.isArray(body.users) ? (body as LocalConfig) : null;
  } catch {
    return null;
  }
}

async function signIn(oid: string, admin: boolean): Promise<string> {
  const response = await fetch('/api/tab/config/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ oid, admin }),
  });
  const body = (await response.json().catch(() => null)) as {
    token?: string;
    error?: { message?: string };
  } | null;
  if (!response.ok || !body?.token) {
    throw new Error(body?.error?.message ?? `Sign-in failed (${response.status})`);
  }
  return body.token;
}

/** A token source for one local user: signs in once, then again only when the token is getting old. */
export async function localTokens(oid: string, admin: boolean): Promise<TokenSource> {
  let token = await signIn(oid, admin);
  let issuedAt = Date.now();
  return async () => {
    if (Date.now() - issuedAt > TOKEN_REUSE_MS) {
      token = await signIn(oid, admin);
      issuedAt = Date.now();
    }
    return token;
  };
}

/** "<oid>" or "<oid> admin", as remember() stored it. */
export function rememberedUser(): { oid: string; admin: boolean } | null {
  try {
    const [oid, admin] = (localStorage.getItem(REMEMBERED) ?? '').split(' ');
    return oid ? { oid, admin: admin === 'admin' } : null;
  } catch {
    return null;
  }
}

export function remember(oid: string | null, admin = false): void {
  try {
    if (oid) localStorage.setItem(REMEMBERED, admin ? `${oid} admin` : oid);
    else localStorage.removeItem(REMEMBERED);
  } catch {
    // Private windows may refuse storage; the user then just picks again after a reload.
  }
}

/** Outside Teams the theme comes from ?theme= (default, dark, contrast) or the system's preference. */
export function localTheme(): string {
  const asked = new URLSearchParams(location.search).get('theme');
  if (asked) return asked;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}
