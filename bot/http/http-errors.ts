// Every 4xx/5xx body is {"error": {"code", "message", "details"?}} (docs/INTEGRATION.md "Errors").
import type { Request, Response, Server } from 'restify';

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  const error = details === undefined ? { code, message } : { code, message, details: clip(details) };
  res.send(status, { error });
}

const ECHO_LIMIT = 100;

/** An input echoed in an error, cut to ~100 characters: a 10,000-character id is not sent back whole. */
export function echo(value: string, limit = ECHO_LIMIT): string {
  const chars = [...value];
  if (chars.length <= limit) return value;
  return `${chars.slice(0, limit).join('')}… (${chars.length} characters)`;
}

/** Details carry the caller's values (ids, paths): long strings are cut; our own sentences get more room. */
function clip(value: unknown, depth = 0, key = ''): unknown {
  if (typeof value === 'string') return echo(value, key === 'message' ? 3 * ECHO_LIMIT : ECHO_LIMIT);
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => clip(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clip(v, depth + 1, k)]));
}

const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  431: 'headers_too_large',
};

/** Restify's own errors (404 route, 405, 413 from the body reader, uncaught) take the contract's shape. */
export function useContractErrors(server: Server): void {
  server.on(
    'restifyError',
    (_req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      const code = CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'request_error');
      const message = status >= 500 ? 'Internal error' : echo(err.message, 3 * ECHO_LIMIT);
      Object.assign(err, { toJSON: () => ({ error: { code, message } }) });
      callback();
    },
  );
}
