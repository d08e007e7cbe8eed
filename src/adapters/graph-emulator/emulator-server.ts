// The emulator's request pipeline. Graph routes (/v1.0, /beta) go through: injected fault → authentication
// → route → presence quota → handler. /_emulator/* are control routes; /{tenant}/oauth2/v2.0/token the
// delegated token endpoint. Every Graph and token request is recorded.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../ports/clock.port';
import type { Logger } from '../../ports/logger.port';
import { identifyCaller } from './caller';
import type { DelegatedTokens } from './delegated-tokens';
import { faultCode, type FaultQueue } from './faults';
import type { GraphHandler } from './graph-call';
import { fail, parseJson, readBody, writeReply, type Reply, type ReplyMeta } from './http-kit';
import type { PresenceQuota } from './quota';
import type { RequestLog } from './request-log';
import { matchRoute, type Route } from './router';
import { handleTokenRequest, openIdConfiguration } from './token-routes';

export interface ServerParts {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly staticToken: string | undefined;
  readonly tokens: DelegatedTokens;
  readonly quota: PresenceQuota;
  readonly faults: FaultQueue;
  readonly log: RequestLog;
  readonly graphRoutes: readonly Route<GraphHandler>[];
  readonly control: (method: string, path: string, body: unknown) => Reply | Promise<Reply>;
  readonly origin: () => string;
  /** Saves changed state before the reply leaves, so what a client was told survives a crash. */
  readonly persist: () => void;
}

interface Incoming {
  readonly method: string;
  readonly url: URL;
  readonly raw: Buffer;
  readonly req: IncomingMessage;
}

const GRAPH_PATH = /^\/(?:v1\.0|beta)(\/.*)?$/i;
const TOKEN_PATH = /^\/([^/]+)\/oauth2\/v2\.0\/token\/?$/i;
const OPENID_PATH = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration\/?$/i;

function metaOf(req: IncomingMessage, clock: Clock): ReplyMeta {
  const given = req.headers['client-request-id'];
  return {
    requestId: randomUUID(),
    clientRequestId: typeof given === 'string' && given !== '' ? given : randomUUID(),
    date: new Date(clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

async function graphReply(parts: ServerParts, path: string, inc: Incoming, body: unknown): Promise<Reply> {
  const fault = parts.faults.take();
  if (fault) {
    const headers =
      fault.retryAfterSeconds === undefined ? undefined : { 'retry-after': String(fault.retryAfterSeconds) };
    return fail(fault.status, faultCode(fault.status), 'Injected fault (Graph emulator).', headers);
  }
  const auth = identifyCaller(inc.req.headers.authorization, parts.staticToken, parts.tokens);
  if (!auth.ok) {
    return fail(401, 'InvalidAuthenticationToken', auth.message, { 'www-authenticate': 'Bearer realm=""' });
  }
  if (body === 'invalid') return fail(400, 'BadRequest', 'Unable to read JSON request payload.');
  const match = matchRoute(parts.graphRoutes, inc.method, path);
  if (match.kind === 'method_not_allowed')
    return fail(405, 'BadRequest', `${inc.method} is not supported on ${path}.`);
  if (match.kind === 'not_found') {
    return fail(
      400,
      'BadRequest',
      `Resource not found for the segment '${path}' (not implemented by the Graph emulator).`,
    );
  }
  if (match.route.presence) {
    const quota = parts.quota.take();
    if (!quota.ok) {
      const headers = { 'retry-after': String(quota.retryAfterSeconds) };
      return fail(
        429,
        'TooManyRequests',
        'Too many requests: the tenant presence quota is exhausted.',
        headers,
      );
    }
  }
  return match.route.handler({
    params: match.params,
    body,
    query: inc.url.searchParams,
    caller: auth.caller,
  });
}

function redactedForm(form: URLSearchParams): Record<string, string> {
  const entries = Object.fromEntries(form);
  for (const secret of ['refresh_token', 'client_secret', 'assertion'])
    if (secret in entries) entries[secret] = '[redacted]';
  return entries;
}

async function route(parts: ServerParts, inc: Incoming, res: ServerResponse): Promise<void> {
  const { pathname } = inc.url;
  const at = parts.clock.now();
  const record = (status: number, body: unknown): void =>
    parts.log.record({ method: inc.method, path: `${pathname}${inc.url.search}`, status, body, at });
  const graph = GRAPH_PATH.exec(pathname);
  if (graph) {
    const meta = metaOf(inc.req, parts.clock);
    const body = parseJson(inc.raw);
    const reply = await graphReply(parts, graph[1] ?? '/', inc, body);
    record(reply.status, body === 'invalid' ? inc.raw.toString('utf8') : body);
    // A read changes nothing that needs keeping: an expiry it notices is worked out again after a restart.
    if (inc.method !== 'GET') parts.persist();
    return writeReply(res, reply, meta);
  }
  if (pathname === '/_emulator' || pathname.startsWith('/_emulator/')) {
    const body = parseJson(inc.raw);
    if (body === 'invalid') return writeReply(res, fail(400, 'invalid_json', 'The body is not valid JSON.'));
    return writeReply(res, await parts.control(inc.method, pathname, body));
  }
  const token = inc.method === 'POST' ? TOKEN_PATH.exec(pathname) : null;
  if (token) {
    const form = new URLSearchParams(inc.raw.toString('utf8'));
    const reply = handleTokenRequest(form, parts.tokens);
    record(reply.status, redactedForm(form));
    parts.persist();
    return writeReply(res, reply);
  }
  const openid = inc.method === 'GET' ? OPENID_PATH.exec(pathname) : null;
  if (openid)
    return writeReply(res, openIdConfiguration(parts.origin(), decodeURIComponent(openid[1] ?? '')));
  writeReply(
    res,
    fail(404, 'not_found', `Nothing here. Graph lives under ${parts.origin()}/v1.0; see GET /_emulator.`),
  );
}

export function requestListener(parts: ServerParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const handle = async (): Promise<void> => {
      const raw = await readBody(req);
      if (raw === 'too_large')
        return writeReply(res, fail(413, 'RequestEntityTooLarge', 'The request body is too large.'));
      const inc: Incoming = {
        method: (req.method ?? 'GET').toUpperCase(),
        url: new URL(req.url ?? '/', 'http://emulator'),
        raw,
        req,
      };
      await route(parts, inc, res);
    };
    handle().catch((error: unknown) => {
      parts.logger.error(
        { err: error instanceof Error ? error.message : String(error), url: req.url },
        'graph emulator: request failed',
      );
      if (!res.headersSent)
        writeReply(res, fail(500, 'InternalServerError', 'The Graph emulator failed on this request.'));
      else res.destroy();
    });
  };
}
