// Sync accounts' access tokens through the OAuth2 refresh_token grant at <authorityHost>/<tenant>/oauth2/v2.0/token.
// A plain form POST rather than MSAL: MSAL's refresh-token flow first runs authority discovery and insists on
// https, which the loopback Graph emulator cannot offer; the grant itself is a single documented request.
import type { DelegatedTokenSource, RefreshOutcome } from '../../ports/delegated-token.port';

export const SYNC_ACCOUNT_SCOPE = 'https://graph.microsoft.com/Presence.Read.All offline_access';
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface RefreshTokenGrantOptions {
  /** e.g. https://login.microsoftonline.com, or the emulator's origin. */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** Confidential clients send it; public clients leave it unset. */
  readonly clientSecret?: string | null;
  readonly scope?: string;
  readonly timeoutMs?: number;
}

interface TokenAnswer {
  readonly access_token?: unknown;
  readonly refresh_token?: unknown;
  readonly expires_in?: unknown;
  readonly error?: unknown;
  readonly error_description?: unknown;
}

const failure = (retryable: boolean, code: string, message: string): RefreshOutcome => ({
  ok: false,
  retryable,
  code,
  message,
});

function outcomeOf(status: number, answer: TokenAnswer): RefreshOutcome {
  if (status === 200 && typeof answer.access_token === 'string' && answer.access_token !== '') {
    const expires = Number(answer.expires_in);
    return {
      ok: true,
      accessToken: answer.access_token,
      refreshToken:
        typeof answer.refresh_token === 'string' && answer.refresh_token ? answer.refresh_token : null,
      expiresInSeconds: Number.isFinite(expires) && expires > 0 ? expires : 3600,
    };
  }
  const code = typeof answer.error === 'string' ? answer.error : `http_${status}`;
  // Only the first line: Entra's descriptions carry trace ids and timestamps, noise in logs and the admin view.
  const message =
    typeof answer.error_description === 'string'
      ? (answer.error_description.split(/\r?\n/)[0] ?? code)
      : `token endpoint answered HTTP ${status}`;
  // 400 with an OAuth error (invalid_grant, invalid_client, …) will not heal by itself; 429/5xx may.
  const retryable = status === 429 || status >= 500 || (status === 400 && code === 'temporarily_unavailable');
  return failure(retryable, code, message);
}

export function refreshTokenGrant(options: RefreshTokenGrantOptions): DelegatedTokenSource {
  const host = options.authorityHost.replace(/\/+$/, '');
  const endpoint = `${host}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
  return {
    async redeem(refreshToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: options.clientId,
        refresh_token: refreshToken,
        scope: options.scope ?? SYNC_ACCOUNT_SCOPE,
      });
      if (options.clientSecret) form.set('client_secret', options.clientSecret);
      try {
        const res = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form.toString(),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        const text = await res.text();
        let answer: TokenAnswer = {};
        try {
          answer = JSON.parse(text) as TokenAnswer;
        } catch {
          // Not JSON (a proxy's error page): the status decides.
        }
        return outcomeOf(res.status, answer);
      } catch (error) {
        return failure(
          true,
          'token_endpoint_unreachable',
          error instanceof Error ? error.message : String(error),
        );
      }
    },
  };
}
