// The bot's outbound credentials: an OAuth 2.0 client-credentials token (BOT_ID/BOT_PASSWORD) from the
// configured authority, sent as a bearer to the Bot Connector. botbuilder's own factory goes through MSAL,
// which refuses any authority that is not https, so the loopback emulator could never stand in for Entra;
// this one posts the same form to `<login URL>/oauth2/v2.0/token` (what MSAL sends for client credentials)
// in every mode, so the code tests run is the code production runs. Tokens are cached until 5 minutes
// before they expire. A failure never carries the authority's answer text, only its status.
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { CodedError } from '../../src/domain/errors';

export interface BotCredentialSettings {
  /** Null = anonymous: no token, no Authorization header (local tools only). */
  readonly appId: string | null;
  readonly password: string | null;
  /** e.g. https://login.microsoftonline.com/<tenant> or the emulator's <origin>/bot/login/<tenant>. */
  readonly loginUrl: string;
  readonly now?: () => number;
}

type OutgoingRequest = Parameters<ServiceClientCredentials['signRequest']>[0];

const REFRESH_MARGIN_MS = 5 * 60 * 1000;
const TOKEN_TIMEOUT_MS = 10_000;

const anonymous: ServiceClientCredentials = { signRequest: (request) => Promise.resolve(request) };

interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
}

async function requestToken(settings: BotCredentialSettings, scope: string): Promise<CachedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: settings.appId ?? '',
    client_secret: settings.password ?? '',
    scope: scope.endsWith('/.default') ? scope : `${scope}/.default`,
  });
  const response = await fetch(`${settings.loginUrl.replace(/\/+$/, '')}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
  }).catch((cause: unknown) => {
    throw new CodedError('bot_token_unavailable', 'The bot token authority cannot be reached', undefined, {
      cause,
    });
  });
  const body = (await response.json().catch(() => null)) as { access_token?: unknown; expires_in?: unknown };
  if (!response.ok || typeof body?.access_token !== 'string') {
    throw new CodedError('bot_token_unavailable', `The bot token authority answered ${response.status}`);
  }
  const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
  const now = settings.now?.() ?? Date.now();
  return { token: body.access_token, refreshAt: now + Math.max(0, lifetimeMs - REFRESH_MARGIN_MS) };
}

export class ClientCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly cache = new Map<string, Promise<CachedToken>>();

  constructor(private readonly settings: BotCredentialSettings) {
    super();
  }

  isValidAppId(appId: string): Promise<boolean> {
    return Promise.resolve(this.settings.appId !== null && appId === this.settings.appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return Promise.resolve(this.settings.appId === null);
  }

  /** The login endpoint botbuilder passes is ours (BOT_LOGIN_URL); the audience is the scope to ask for. */
  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (this.settings.appId === null) return anonymous;
    if (appId !== this.settings.appId) throw new CodedError('bot_app_mismatch', 'Not this bot’s app id');
    const scope = audience ?? 'https://api.botframework.com';
    return {
      signRequest: async (request: OutgoingRequest) => {
        request.headers.set('authorization', `Bearer ${await this.token(scope)}`);
        return request;
      },
    };
  }

  /** The bearer for a direct Bot Connector call (the chat transport); null when anonymous. */
  bearer(scope: string): Promise<string | null> {
    return this.settings.appId === null ? Promise.resolve(null) : this.token(scope);
  }

  private async token(scope: string): Promise<string> {
    const now = this.settings.now?.() ?? Date.now();
    const cached = this.cache.get(scope);
    const current = cached ? await cached.catch(() => null) : null;
    if (current && current.refreshAt > now) return current.token;
    const next = requestToken(this.settings, scope);
    this.cache.set(scope, next);
    return (await next).token;
  }
}
