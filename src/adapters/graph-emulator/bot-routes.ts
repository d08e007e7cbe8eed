// The emulator's Bot Framework side, in front of the Graph pipeline. Point the bot at it with
// BOT_OPENID_METADATA_URL, BOT_LOGIN_URL and an activity serviceUrl (local mode does this by itself):
//   GET  /bot/v1/.well-known/openidconfiguration   channel-token OpenID metadata (BOT_OPENID_METADATA_URL)
//   GET  /bot/v1/.well-known/keys                  its JWKS, keys endorsed for msteams
//   POST /bot/login/{tenant}/oauth2/v2.0/token     client credentials for a registered bot (BOT_LOGIN_URL
//                                                  = <origin>/bot/login/<tenant>); scope https://api.botframework.com/.default
//   *    /bot/connector/v3/conversations...        the Bot Connector (activity serviceUrl <origin>/bot/connector/)
// Control routes for tests and people:
//   GET  /_emulator/bot/calls                      {value: [RecordedBotCall]}: what the bot sent, in order
//   POST /_emulator/bot/apps                       {appId, password}: register a bot (its tokens then required)
//   POST /_emulator/bot/channel-token              {appId, serviceUrl?, expiresInSeconds?, notBeforeSeconds?} → {token}
//   POST /_emulator/bot/faults                     {status, count, retryAfterSeconds?}: next Bot Connector calls fail
//   PUT  /_emulator/bot/users/{id}/app             {installed: false}: that user has not installed the app (403)
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotConnector } from './bot-connector';
import { CHANNEL_TOKEN_ISSUER, type BotIssuer, type ChannelTokenRequest } from './bot-issuer';
import { isValidFault } from './faults';
import { fail, isRecord, ok, parseJson, readBody, writeReply, type Reply } from './http-kit';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export const BOT_PATHS = {
  openIdMetadata: '/bot/v1/.well-known/openidconfiguration',
  keys: '/bot/v1/.well-known/keys',
  login: '/bot/login',
  connector: '/bot/connector',
} as const;
const TOKEN_PATH = /^\/bot\/login\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i;
const BOT_TOKEN_LIFETIME_SECONDS = 3599;

export interface BotSide {
  readonly issuer: BotIssuer;
  readonly connector: BotConnector;
  readonly origin: () => string;
}

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  json: { error, error_description: description },
});

async function tokenReply(side: BotSide, tenant: string, form: URLSearchParams): Promise<Reply> {
  if (form.get('grant_type') !== 'client_credentials')
    return oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported here.');
  const clientId = form.get('client_id') ?? '';
  if (!side.connector.checkSecret(clientId, form.get('client_secret') ?? ''))
    return oauthError(401, 'invalid_client', 'AADSTS7000215: Invalid client secret provided.');
  if (form.get('scope') !== 'https://api.botframework.com/.default')
    return oauthError(400, 'invalid_scope', 'AADSTS70011: The provided scope is not valid.');
  const issuer = `${side.origin()}${BOT_PATHS.login}/${tenant}/v2.0`;
  const token = await side.issuer.issueBotToken(issuer, clientId, tenant, BOT_TOKEN_LIFETIME_SECONDS);
  side.connector.tokensIssued += 1;
  const json = { token_type: 'Bearer', expires_in: BOT_TOKEN_LIFETIME_SECONDS, access_token: token };
  return { status: 200, json, headers: { 'cache-control': 'no-store' } };
}

function channelTokenRequest(body: unknown, origin: string): ChannelTokenRequest | string {
  if (!isRecord(body) || typeof body.appId !== 'string' || body.appId === '') return 'appId is required.';
  if (body.serviceUrl !== undefined && typeof body.serviceUrl !== 'string')
    return 'serviceUrl must be a string.';
  for (const name of ['expiresInSeconds', 'notBeforeSeconds'] as const)
    if (body[name] !== undefined && !Number.isInteger(body[name])) return `${name} must be an integer.`;
  return {
    appId: body.appId,
    serviceUrl: (body.serviceUrl as string | undefined) ?? `${origin}${BOT_PATHS.connector}/`,
    ...(body.expiresInSeconds === undefined ? {} : { expiresInSeconds: body.expiresInSeconds as number }),
    ...(body.notBeforeSeconds === undefined ? {} : { notBeforeSeconds: body.notBeforeSeconds as number }),
  };
}

async function controlReply(side: BotSide, method: string, path: string, body: unknown): Promise<Reply> {
  const { connector } = side;
  if (method === 'GET' && path === '/_emulator/bot/calls') return ok({ value: connector.recorded() });
  if (method === 'POST' && path === '/_emulator/bot/apps') {
    if (!isRecord(body) || typeof body.appId !== 'string' || typeof body.password !== 'string')
      return fail(400, 'invalid_request', 'Send {"appId", "password"}.');
    return (connector.registerApp(body.appId, body.password), { status: 204 });
  }
  if (method === 'POST' && path === '/_emulator/bot/channel-token') {
    const request = channelTokenRequest(body, side.origin());
    if (typeof request === 'string') return fail(400, 'invalid_request', request);
    return ok({ token: await side.issuer.issueChannelToken(request), token_type: 'Bearer' }, 201);
  }
  if (method === 'POST' && path === '/_emulator/bot/faults') {
    if (!isValidFault(body))
      return fail(400, 'invalid_request', 'Send {"status", "count", "retryAfterSeconds"?}.');
    return (connector.faults.inject(body), { status: 204 });
  }
  const user = method === 'PUT' ? /^\/_emulator\/bot\/users\/([^/]+)\/app$/.exec(path) : null;
  if (user && isRecord(body) && typeof body.installed === 'boolean') {
    connector.setAppInstalled(decodeURIComponent(user[1] ?? ''), body.installed);
    return { status: 204 };
  }
  return fail(404, 'not_found', `Unknown Bot Framework control route ${method} ${path}.`);
}

async function botReply(side: BotSide, req: IncomingMessage, url: URL): Promise<Reply> {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname;
  if (method === 'GET' && path === BOT_PATHS.openIdMetadata) {
    const origin = side.origin();
    return ok({
      issuer: CHANNEL_TOKEN_ISSUER,
      jwks_uri: `${origin}${BOT_PATHS.keys}`,
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
  }
  if (method === 'GET' && path === BOT_PATHS.keys) return ok(await side.issuer.channelJwks());
  const raw = await readBody(req);
  if (raw === 'too_large') return fail(413, 'payload_too_large', 'The body is too large.');
  const token = method === 'POST' ? TOKEN_PATH.exec(path) : null;
  if (token)
    return tokenReply(side, decodeURIComponent(token[1] ?? ''), new URLSearchParams(raw.toString('utf8')));
  const body = parseJson(raw);
  if (body === 'invalid') return fail(400, 'BadSyntax', 'The body is not valid JSON.');
  if (path.startsWith('/_emulator/bot')) return controlReply(side, method, path, body);
  const authorization = req.headers.authorization;
  const below = path.slice(BOT_PATHS.connector.length);
  return side.connector.handle({ method, path: below, authorization, body });
}

const isBotPath = (path: string): boolean =>
  path === '/_emulator/bot' || path.startsWith('/_emulator/bot/') || path.startsWith('/bot/');

export function withBotRoutes(side: BotSide, next: Listener): Listener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (!isBotPath(url.pathname)) return next(req, res);
    botReply(side, req, url).then(
      (reply) => writeReply(res, reply),
      () => {
        if (!res.headersSent)
          writeReply(res, fail(500, 'internal_error', 'The Bot Framework emulator failed.'));
        else res.destroy();
      },
    );
  };
}
