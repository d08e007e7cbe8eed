// The environment, parsed once at start-up into a typed value. The first bad value stops start-up with one
// line naming it (README "Configuration").
import { CodedError } from './domain/errors';

export interface AzureApp {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface Config {
  readonly port: number;
  /** The address the HTTP server binds (0.0.0.0: every IPv4 interface). */
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** The PostgreSQL schema holding the tables; instances sharing one are one deployment. */
  readonly databaseSchema: string;
  /** Local mode: no Graph settings at all, so the project's Graph emulator runs on loopback. */
  readonly localGraph: boolean;
  readonly graphBaseUrl: string;
  readonly graphToken: string | null;
  readonly azure: AzureApp | null;
  /** The presence sessionId: the Entra app's client id (a fixed id in local mode). */
  readonly presenceSessionId: string;
  readonly botId: string | null;
  readonly botPassword: string | null;
  /** BOT_ID set: every activity needs a channel JWT; anonymous: local mode or BOT_ALLOW_ANONYMOUS; else refused. */
  readonly botMode: BotMode;
  /** Channel-token OpenID metadata; null = Microsoft's (the emulator's in local mode). */
  readonly botOpenIdMetadataUrl: string | null;
  /** The bot's token authority (ToChannelFromBotLoginUrl); null = Microsoft's for the bot's tenant. */
  readonly botLoginUrl: string | null;
  /** What the bot asks its token for (ToChannelFromBotOAuthScope). */
  readonly botOAuthScope: string;
  /** Where the bot creates a user's 1:1 chat when it holds no reference; null = Teams' global one (the emulator's in local mode). */
  readonly botServiceUrl: string | null;
  /** Null in local mode until generated and kept under DATA_DIR. */
  readonly ccWebhookSecret: string | null;
  readonly ccOutboundUrl: string | null;
  readonly ccOutboundSecret: string | null;
  readonly adminApiKey: string | null;
  readonly presenceProfile: string;
  readonly presencePollSeconds: number;
  readonly graphPresenceQuota: number;
  /** Agent runs the sync engine has in flight at most (SYNC_CONCURRENCY). */
  readonly syncConcurrency: number;
  /** expirationDuration of our presence sessions; refreshed before they lapse. */
  readonly presenceSessionMinutes: number;
  readonly emulatorPort: number;
  readonly logLevel: string;
  /** An outbound request undelivered this long is parked (visible in the admin status) instead of retried. */
  readonly ccOutboundParkAfterSeconds: number;
  /** Public https URL of this service, for Graph notification URLs; the loopback URL in local mode. */
  readonly publicBaseUrl: string | null;
  /** Entra authority host for sync accounts' refresh tokens (the emulator's origin in local mode). */
  readonly azureAuthorityHost: string;
  /** Base64 32-byte key for sync-account tokens at rest; generated under DATA_DIR when unset. */
  readonly syncTokenKey: string | null;
  /** Certificate and key for rich (encrypted) presence notifications; both or neither. */
  readonly graphNotificationCertFile: string | null;
  readonly graphNotificationKeyFile: string | null;
  /** Settled events (and so their ids as duplicates) and delivered outbox messages are kept this long. */
  readonly eventRetentionHours: number;
  /** Time between refreshes of the directory's Teams users from Graph (a delta round each). */
  readonly directoryRefreshSeconds: number;
  /** Time between polling rounds of directory people's Teams presence (those no subscription covers). */
  readonly directoryPollSeconds: number;
  /** JWKS that rich notifications' validationTokens are checked against; null: `<authority>/common/discovery/keys`. */
  readonly graphNotificationKeysUrl: string | null;
  /** Entra group (object id) whose members are admins in the tab, besides the Switchboard.Admin app role. */
  readonly adminGroupId: string | null;
}

export type BotMode = 'authenticated' | 'anonymous' | 'refused';

type Env = Readonly<Record<string, string | undefined>>;

export const LOCAL_SESSION_ID = '00000000-0000-0000-0000-00000000cafe';

function text(env: Env, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CodedError('invalid_config', `${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function flag(env: Env, name: string): boolean {
  const raw = text(env, name) ?? 'false';
  if (!/^(true|false)$/i.test(raw)) {
    throw new CodedError('invalid_config', `${name} must be true or false (got "${raw}")`);
  }
  return raw.toLowerCase() === 'true';
}

// pino's levels (test/config asserts they match the library's), so a typo stops start-up here.
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function logLevel(env: Env): string {
  const raw = text(env, 'LOG_LEVEL');
  if (raw === null) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) {
    throw new CodedError(
      'invalid_config',
      `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`,
    );
  }
  return raw;
}

function url(env: Env, name: string, protocols: readonly string[]): string | null {
  const raw = text(env, name);
  if (raw === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new CodedError('invalid_config', `${name} must be a URL (got "${raw}")`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new CodedError('invalid_config', `${name} must use ${protocols.join(' or ')} (got "${raw}")`);
  }
  return raw.replace(/\/+$/, '');
}

function azureApp(env: Env): AzureApp | null {
  const names = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'] as const;
  const values = names.map((n) => text(env, n));
  if (values.every((v) => v === null)) return null;
  const missing = names.find((_, i) => values[i] === null);
  // The client id alone is enough when GRAPH_TOKEN supplies tokens (it is still the presence sessionId).
  if (missing && !(text(env, 'GRAPH_TOKEN') && values[1])) {
    throw new CodedError('invalid_config', `${missing} is required when any AZURE_* setting is given`);
  }
  return { tenantId: values[0] ?? '', clientId: values[1] ?? '', clientSecret: values[2] ?? '' };
}

function guid(env: Env, name: string): string | null {
  const raw = text(env, name);
  if (raw !== null && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw)) {
    throw new CodedError('invalid_config', `${name} must be an Entra object id (GUID) (got "${raw}")`);
  }
  return raw === null ? null : raw.toLowerCase();
}

function syncTokenKey(env: Env): string | null {
  const raw = text(env, 'SYNC_TOKEN_KEY');
  if (raw !== null && Buffer.from(raw, 'base64').length !== 32) {
    throw new CodedError(
      'invalid_config',
      'SYNC_TOKEN_KEY must be 32 bytes in base64 (e.g. openssl rand -base64 32)',
    );
  }
  return raw;
}

function notificationCertificate(
  env: Env,
): Pick<Config, 'graphNotificationCertFile' | 'graphNotificationKeyFile'> {
  const cert = text(env, 'GRAPH_NOTIFICATION_CERT_FILE');
  const key = text(env, 'GRAPH_NOTIFICATION_KEY_FILE');
  if ((cert === null) !== (key === null)) {
    throw new CodedError(
      'invalid_config',
      `${cert ? 'GRAPH_NOTIFICATION_KEY_FILE' : 'GRAPH_NOTIFICATION_CERT_FILE'} is required with the other`,
    );
  }
  return { graphNotificationCertFile: cert, graphNotificationKeyFile: key };
}

type BotSettings = Pick<
  Config,
  | 'botId'
  | 'botPassword'
  | 'botMode'
  | 'botOpenIdMetadataUrl'
  | 'botLoginUrl'
  | 'botOAuthScope'
  | 'botServiceUrl'
>;

function botSettings(env: Env, localGraph: boolean): BotSettings {
  const botId = text(env, 'BOT_ID');
  const botPassword = text(env, 'BOT_PASSWORD');
  if (botId && !botPassword) throw new CodedError('invalid_config', 'BOT_PASSWORD is required with BOT_ID');
  const anonymous = flag(env, 'BOT_ALLOW_ANONYMOUS') || localGraph;
  return {
    botId,
    botPassword,
    botMode: botId ? 'authenticated' : anonymous ? 'anonymous' : 'refused',
    botOpenIdMetadataUrl: url(env, 'BOT_OPENID_METADATA_URL', ['http:', 'https:']),
    botLoginUrl: url(env, 'BOT_LOGIN_URL', ['http:', 'https:']),
    botOAuthScope: url(env, 'BOT_OAUTH_SCOPE', ['https:', 'api:']) ?? 'https://api.botframework.com',
    botServiceUrl: url(env, 'BOT_SERVICE_URL', ['http:', 'https:']),
  };
}

/** Lower-case, so it never needs quoting (the store refuses other names too). */
function databaseSchema(env: Env): string {
  const schema = text(env, 'DATABASE_SCHEMA') ?? 'public';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new CodedError(
      'invalid_config',
      'DATABASE_SCHEMA must be 1–63 of a–z, 0–9 and _, not starting with a digit',
    );
  }
  return schema;
}

export function parseConfig(env: Env): Config {
  const graphBaseUrl = url(env, 'GRAPH_BASE_URL', ['http:', 'https:']);
  const graphToken = text(env, 'GRAPH_TOKEN');
  const azure = azureApp(env);
  const localGraph = graphBaseUrl === null && graphToken === null && azure === null;
  const ccWebhookSecret = text(env, 'CC_WEBHOOK_SECRET');
  if (!localGraph && ccWebhookSecret === null) {
    throw new CodedError('invalid_config', 'CC_WEBHOOK_SECRET is required when Graph settings are given');
  }
  if (!localGraph && graphToken === null && (azure === null || !azure.clientSecret)) {
    throw new CodedError(
      'invalid_config',
      'GRAPH_TOKEN or AZURE_TENANT_ID/AZURE_CLIENT_ID/AZURE_CLIENT_SECRET is required',
    );
  }
  const ccOutboundUrl = url(env, 'CC_OUTBOUND_URL', ['http:', 'https:']);
  return {
    port: integer(env, 'PORT', 3978, 0, 65535),
    host: text(env, 'HOST') ?? '0.0.0.0',
    dataDir: text(env, 'DATA_DIR') ?? './data',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    databaseSchema: databaseSchema(env),
    localGraph,
    graphBaseUrl: graphBaseUrl ?? 'https://graph.microsoft.com/v1.0',
    graphToken,
    azure,
    presenceSessionId: azure?.clientId || LOCAL_SESSION_ID,
    ...botSettings(env, localGraph),
    ccWebhookSecret,
    ccOutboundUrl,
    ccOutboundSecret: text(env, 'CC_OUTBOUND_SECRET') ?? ccWebhookSecret,
    adminApiKey: text(env, 'ADMIN_API_KEY'),
    presenceProfile: text(env, 'PRESENCE_PROFILE') ?? '8x8',
    presencePollSeconds: integer(env, 'PRESENCE_POLL_SECONDS', 10, 1, 3600),
    graphPresenceQuota: integer(env, 'GRAPH_PRESENCE_QUOTA', 1500, 1, 1_000_000),
    syncConcurrency: integer(env, 'SYNC_CONCURRENCY', 32, 1, 1000),
    presenceSessionMinutes: integer(env, 'PRESENCE_SESSION_MINUTES', 30, 10, 240),
    emulatorPort: integer(env, 'EMULATOR_PORT', 4000, 0, 65535),
    logLevel: logLevel(env),
    ccOutboundParkAfterSeconds: integer(env, 'CC_OUTBOUND_PARK_AFTER_SECONDS', 3600, 1, 30 * 86400),
    publicBaseUrl: url(env, 'PUBLIC_BASE_URL', ['http:', 'https:']),
    azureAuthorityHost:
      url(env, 'AZURE_AUTHORITY_HOST', ['http:', 'https:']) ?? 'https://login.microsoftonline.com',
    syncTokenKey: syncTokenKey(env),
    eventRetentionHours: integer(env, 'EVENT_RETENTION_HOURS', 72, 1, 8760),
    directoryRefreshSeconds: integer(env, 'DIRECTORY_REFRESH_SECONDS', 300, 10, 86400),
    directoryPollSeconds: integer(env, 'DIRECTORY_POLL_SECONDS', 60, 10, 3600),
    ...notificationCertificate(env),
    graphNotificationKeysUrl: url(env, 'GRAPH_NOTIFICATION_KEYS_URL', ['http:', 'https:']),
    adminGroupId: guid(env, 'ADMIN_GROUP_ID'),
  };
}
