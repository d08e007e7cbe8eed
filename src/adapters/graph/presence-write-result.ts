// How a Graph answer to a presence write becomes the port's PresenceWriteResult.
import type { PresenceWriteResult } from '../../ports/presence-gateway.port';
import { CodedError } from '../../domain/errors';
import { retryAfterMs } from '../cc-http/retry-after';
import { graphErrorOf, type GraphResponse } from './graph-request';

const OK: PresenceWriteResult = { ok: true };

// 408 and 429 are the 4xx answers that say "try again later" rather than "this request is wrong".
const isTransient = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Graph's Retry-After as ms from now, when the response carries a readable one. */
export function retryAfterOf(response: GraphResponse): { retryAfterMs?: number } {
  const ms = retryAfterMs(response.headers.get('retry-after'), Date.now());
  return ms === undefined ? {} : { retryAfterMs: ms };
}

/** 2xx → ok; 408/429/5xx → retryable (with Retry-After); other 4xx → not retryable. */
export function writeResultOf(response: GraphResponse): PresenceWriteResult {
  if (response.status >= 200 && response.status < 300) return OK;
  const { code, message } = graphErrorOf(response);
  const status = response.status;
  return isTransient(status)
    ? { ok: false, retryable: true, status, code, message, ...retryAfterOf(response) }
    : { ok: false, retryable: false, status, code, message };
}

/** No HTTP answer (network, timeout, no token): the caller keeps the work and tries again later. */
export function writeResultOfError(error: unknown): PresenceWriteResult {
  if (error instanceof CodedError)
    return { ok: false, retryable: true, status: 0, code: error.code, message: error.message };
  throw error; // Anything else is a bug, not an outcome.
}

export const writeOk = OK;
