// Server-wide hooks that see every request and response: the X-Request-Id correlation id, and the one place
// rejected requests are counted (by route pattern, status and the contract error code in the body).
import { randomUUID } from 'node:crypto';
import type { Next, Request, Response, Server } from 'restify';
import type { Metrics } from '../../src/ports/metrics.port';

export const REQUEST_ID_HEADER = 'X-Request-Id';
// A caller's id is kept when it is short printable ASCII (it goes into logs and a response header).
const CALLER_ID = /^[\x21-\x7e]{1,128}$/;

const requestIds = new WeakMap<Request, string>();

/** The request's correlation id (the caller's X-Request-Id or one made for it). */
export const requestIdOf = (req: Request): string => requestIds.get(req) ?? req.getId();

/** Takes the caller's X-Request-Id or makes one, and returns it on the response. */
export function useRequestIds(server: Server): void {
  server.pre((req: Request, res: Response, next: Next) => {
    const given = req.header(REQUEST_ID_HEADER);
    const id = given && CALLER_ID.test(given) ? given : randomUUID();
    requestIds.set(req, id);
    res.header(REQUEST_ID_HEADER, id);
    next();
  });
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The contract's `{"error": {"code"}}` of a response body (a restify error serialises through toJSON). */
function errorCode(body: unknown): string | null {
  const json: unknown =
    isRecord(body) && typeof body['toJSON'] === 'function' ? (body['toJSON'] as () => unknown)() : body;
  const error = isRecord(json) ? json['error'] : undefined;
  return isRecord(error) && typeof error['code'] === 'string' ? error['code'] : null;
}

/** Counts every 4xx/5xx response once it is sent, whichever route or restify itself answered it. */
export function countRejections(server: Server, metrics: Metrics): void {
  server.pre((req: Request, res: Response, next: Next) => {
    let code: string | null = null;
    const send = res.send.bind(res) as (...args: unknown[]) => unknown;
    res.send = ((...args: unknown[]) => {
      code = errorCode(typeof args[0] === 'number' ? args[1] : args[0]) ?? code;
      return send(...args);
    }) as typeof res.send;
    res.once('finish', () => {
      if (res.statusCode < 400) return;
      const route = req.getRoute()?.path;
      metrics.requestRejected(
        typeof route === 'string' ? route : 'unmatched',
        res.statusCode,
        code ?? `http_${res.statusCode}`,
      );
    });
    next();
  });
}
