// Where Graph access tokens come from: a fixed token (emulators, GRAPH_TOKEN) or the Entra app's client
// credentials through MSAL.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { CodedError } from '../../domain/errors';

/** Returns a bearer token for Microsoft Graph; called before every HTTP attempt, so it must be cheap. */
export type TokenProvider = () => Promise<string>;

export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export function staticToken(token: string): TokenProvider {
  if (token.trim() === '') throw new CodedError('invalid_graph_token', 'GRAPH_TOKEN must not be empty');
  return () => Promise.resolve(token);
}

export interface MsalClientCredentialsOptions {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** Defaults to https://login.microsoftonline.com/<tenantId>. */
  readonly authority?: string;
}

export function msalClientCredentials(options: MsalClientCredentialsOptions): TokenProvider {
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: options.authority ?? `https://login.microsoftonline.com/${options.tenantId}`,
    },
  });
  // MSAL keeps the token in its in-memory cache and only calls Entra again when it is close to expiry,
  // so calling this per request costs nothing in the steady state.
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] });
    if (!result?.accessToken) {
      throw new CodedError('graph_token_unavailable', 'MSAL returned no access token for Microsoft Graph');
    }
    return result.accessToken;
  };
}
