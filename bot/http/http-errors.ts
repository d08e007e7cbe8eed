// Every 4xx/5xx body is {"error": {"code", "message", "details"?}} (docs/INTEGRATION.md "Errors").
import type { Request, Response, Server } from 'restify';

export function sendError(
  res: Response,
  status: number,
  code: string,
  message: string,
  details?: unknown,
): void {
  res.send(status, { error: details === undefined ? { code, message } : { code, message, details } });
}

const CODES_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Restify's own errors (404 route, 405, 413 from the body reader, uncaught) take the contract's shape. */
export function useContractErrors(server: Server): void {
  server.on(
    'restifyError',
    (_req: Request, _res: Response, err: Error & { statusCode?: number }, callback: () => void) => {
      const status = err.statusCode ?? 500;
      const code = CODES_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'request_error');
      const message = status >= 500 ? 'Internal error' : err.message;
      Object.assign(err, { toJSON: () => ({ error: { code, message } }) });
      callback();
    },
  );
}
