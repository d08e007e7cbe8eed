// The emulator's Entra token endpoint (POST /{tenant}/oauth2/v2.0/token) for delegated sync accounts, plus
// the OpenID metadata document MSAL looks up before using an authority.
import { randomUUID } from 'node:crypto';
import type { DelegatedTokens } from './delegated-tokens';
import type { Reply } from './http-kit';

function oauthError(error: string, description: string): Reply {
  return {
    status: 400,
    json: {
      error,
      error_description: description,
      error_codes: [error === 'invalid_grant' ? 70000 : 900144],
      timestamp: new Date().toISOString(),
      trace_id: randomUUID(),
      correlation_id: randomUUID(),
    },
  };
}

/** `form` is the parsed application/x-www-form-urlencoded body. */
export function handleTokenRequest(form: URLSearchParams, tokens: DelegatedTokens): Reply {
  const grantType = form.get('grant_type');
  const clientId = form.get('client_id');
  const refreshToken = form.get('refresh_token');
  if (!grantType)
    return oauthError(
      'invalid_request',
      "AADSTS900144: The request body must contain the 'grant_type' parameter.",
    );
  if (grantType !== 'refresh_token') {
    return oauthError(
      'unsupported_grant_type',
      `The emulator only supports grant_type=refresh_token, not '${grantType}'.`,
    );
  }
  if (!clientId)
    return oauthError(
      'invalid_request',
      "AADSTS900144: The request body must contain the 'client_id' parameter.",
    );
  if (!refreshToken) {
    return oauthError(
      'invalid_request',
      "AADSTS900144: The request body must contain the 'refresh_token' parameter.",
    );
  }
  const scope = form.get('scope') ?? 'https://graph.microsoft.com/Presence.Read.All offline_access';
  const result = tokens.redeem(refreshToken, clientId, scope);
  if (!result.ok) return oauthError('invalid_grant', result.description);
  return { status: 200, json: result.response, headers: { 'cache-control': 'no-store', pragma: 'no-cache' } };
}

export function openIdConfiguration(origin: string, tenant: string): Reply {
  const base = `${origin}/${encodeURIComponent(tenant)}`;
  return {
    status: 200,
    json: {
      issuer: `${base}/v2.0`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ['code', 'id_token', 'token id_token'],
      grant_types_supported: ['refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    },
  };
}
