// botbuilder's pieces for /api/messages, arranged so the route owns every answer: the channel JWT is checked
// by ConfigurationBotFrameworkAuthentication (issuer metadata and token authority from our settings), the
// turn runs on CloudAdapter, and nothing here writes an HTTP response. Which Bot Framework endpoints to use
// is decided once, from the Config and (in local mode) the emulator.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Activity, InvokeResponse } from 'botbuilder';
import type { BotMode, Config } from '../../src/config';
import { ClientCredentialsFactory } from './bot-credentials';
import { channelTokenGate, type ChannelTokenGate } from './channel-token-gate';

export interface BotFrameworkSettings {
  readonly mode: BotMode;
  readonly appId: string | null;
  readonly password: string | null;
  readonly tenantId: string | null;
  /** Channel-token OpenID metadata (ToBotFromChannelOpenIdMetadataUrl). */
  readonly openIdMetadataUrl: string;
  /** Where Bot Framework Emulator tokens are checked (ToBotFromEmulatorOpenIdMetadataUrl). */
  readonly emulatorOpenIdMetadataUrl: string;
  /** The bot's token authority (ToChannelFromBotLoginUrl). */
  readonly loginUrl: string;
  readonly oauthScope: string;
}

/** The Bot Framework endpoints the emulator offers in local mode (GraphEmulator.bot). */
export interface LocalBotFramework {
  readonly openIdMetadataUrl: string;
  loginUrl(tenant?: string): string;
}

type BotAuthFailure = Exclude<BotAuthOutcome, { ok: true }>;
const UNAUTHORIZED: BotAuthFailure = {
  ok: false,
  status: 401,
  code: 'unauthorized',
  message: 'A valid Bot Framework token for this bot and serviceUrl is required',
};
const UNAVAILABLE: BotAuthFailure = {
  ok: false,
  status: 503,
  code: 'bot_auth_unavailable',
  message: 'The Bot Framework signing keys cannot be fetched; try again shortly',
};

const MICROSOFT = {
  channelMetadata: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  emulatorMetadata: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  login: 'https://login.microsoftonline.com',
  issuer: 'https://api.botframework.com',
  oauthUrl: 'https://api.botframework.com',
  callerId: 'urn:botframework:azure',
};
const MULTI_TENANT = 'botframework.com';

/** Explicit settings win; then the emulator in local mode; then Microsoft's public cloud. */
export function botFrameworkSettings(config: Config, local: LocalBotFramework | null): BotFrameworkSettings {
  const tenantId = config.botId && config.azure?.tenantId ? config.azure.tenantId : null;
  const metadata = config.botOpenIdMetadataUrl ?? local?.openIdMetadataUrl ?? MICROSOFT.channelMetadata;
  return {
    mode: config.botMode,
    appId: config.botId,
    password: config.botPassword,
    tenantId,
    openIdMetadataUrl: metadata,
    emulatorOpenIdMetadataUrl: local ? metadata : MICROSOFT.emulatorMetadata,
    loginUrl:
      config.botLoginUrl ??
      local?.loginUrl(tenantId ?? MULTI_TENANT) ??
      `${MICROSOFT.login}/${tenantId ?? MULTI_TENANT}`,
    oauthScope: config.botOAuthScope,
  };
}

export type BotAuthOutcome =
  | { readonly ok: true; readonly result: AuthenticateRequestResult }
  | { readonly ok: false; readonly status: 401 | 503; readonly code: string; readonly message: string };

/** A token's fault is 401; keys we cannot fetch are ours (503). Library messages never leave the process. */
export function classifyAuthError(error: unknown): BotAuthFailure {
  const name = error instanceof Error ? error.name : '';
  const status = AuthenticationError.isStatusCodeError(error) ? error.statusCode : undefined;
  return name === 'FetchError' || (status !== undefined && status >= 500) ? UNAVAILABLE : UNAUTHORIZED;
}

/** CloudAdapter whose authentication and turn are called separately, so the caller writes the response. */
export class RouteOwnedAdapter extends CloudAdapter {
  private readonly auth: ConfigurationBotFrameworkAuthentication;
  private readonly gate: ChannelTokenGate | null;

  constructor(settings: BotFrameworkSettings) {
    const auth = new ConfigurationBotFrameworkAuthentication(
      {
        MicrosoftAppId: settings.appId ?? '',
        MicrosoftAppTenantId: settings.tenantId ?? '',
        ToChannelFromBotLoginUrl: settings.loginUrl,
        ToChannelFromBotOAuthScope: settings.oauthScope,
        ToBotFromChannelTokenIssuer: MICROSOFT.issuer,
        OAuthUrl: MICROSOFT.oauthUrl,
        ToBotFromChannelOpenIdMetadataUrl: settings.openIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: settings.emulatorOpenIdMetadataUrl,
        CallerId: MICROSOFT.callerId,
        ValidateAuthority: true,
      },
      new ClientCredentialsFactory({
        appId: settings.appId,
        password: settings.password,
        loginUrl: settings.loginUrl,
      }),
    );
    super(auth);
    this.auth = auth;
    this.gate = settings.appId
      ? channelTokenGate({
          openIdMetadataUrl: settings.openIdMetadataUrl,
          issuer: MICROSOFT.issuer,
          appId: settings.appId,
        })
      : null;
  }

  /** With BOT_ID set the quiet gate goes first; botbuilder has the last word either way. */
  async authenticate(activity: Activity, authorization: string): Promise<BotAuthOutcome> {
    const gate = this.gate ? await this.gate(authorization) : 'pass';
    if (gate !== 'pass') return gate === 'reject' ? UNAUTHORIZED : UNAVAILABLE;
    try {
      return { ok: true, result: await this.auth.authenticateRequest(activity, authorization) };
    } catch (error) {
      return classifyAuthError(error);
    }
  }

  runTurn(
    result: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(result, activity, logic);
  }
}
