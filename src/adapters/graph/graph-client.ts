// Builds the Microsoft Graph SDK client used by every Graph adapter (presence now, subscriptions later).
import {
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
} from '@microsoft/microsoft-graph-client';
import { CodedError } from '../../domain/errors';
import { silentLogger, type Logger } from '../../ports/logger.port';
import { noMetrics, type Metrics } from '../../ports/metrics.port';
import { MeteringHandler } from './graph-metering';
import { AttemptTimeoutHandler, BearerTokenHandler } from './graph-middleware';
import type { TokenProvider } from './token-providers';

export interface GraphClientOptions {
  /** GRAPH_BASE_URL: the Graph root including its version, e.g. https://graph.microsoft.com/v1.0. */
  readonly baseUrl: string;
  readonly tokenProvider: TokenProvider;
  /** Retries of 429/503/504 after Retry-After; 0..10 (the SDK's limit). Default 3. */
  readonly maxRetries?: number;
  /** Bound on one HTTP attempt. Default 30 s. */
  readonly attemptTimeoutMs?: number;
  readonly logger?: Logger;
  /** Counts each HTTP attempt by kind and outcome. */
  readonly metrics?: Metrics;
}

export const DEFAULT_MAX_RETRIES = 3;
const MAX_RETRIES_LIMIT = 10;
// The SDK's base delay (seconds) when a retryable response carries no Retry-After; it grows exponentially.
const FALLBACK_DELAY_SECONDS = 3;

/** Splits `https://host/v1.0` into the SDK's `baseUrl` (host part) and `defaultVersion` (last segment). */
export function splitGraphBaseUrl(baseUrl: string): { origin: string; host: string; version: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch (error) {
    throw new CodedError('invalid_graph_base_url', `GRAPH_BASE_URL is not a URL: ${baseUrl}`, undefined, {
      cause: error,
    });
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const version = segments.pop();
  if (!version) {
    throw new CodedError(
      'invalid_graph_base_url',
      `GRAPH_BASE_URL must end with the API version, e.g. /v1.0: ${baseUrl}`,
    );
  }
  const prefix = segments.length > 0 ? `/${segments.join('/')}` : '';
  return { origin: url.origin, host: `${url.origin}${prefix}`, version };
}

function retryOptions(maxRetries: number, logger: Logger): RetryHandlerOptions {
  if (!Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
    throw new CodedError(
      'invalid_graph_max_retries',
      `maxRetries must be an integer 0..${MAX_RETRIES_LIMIT}`,
    );
  }
  // The SDK's RetryHandler waits Retry-After (seconds or HTTP date, capped at its 180 s MAX_DELAY) on 429,
  // 503 and 504, and uses exponential backoff when the header is missing. This callback only runs when a
  // retry is certain, so it logs it and releases the discarded response's connection.
  return new RetryHandlerOptions(
    FALLBACK_DELAY_SECONDS,
    maxRetries,
    (_delay, attempt, request, options, response) => {
      logger.warn(
        {
          status: response.status,
          retryAfter: response.headers.get('Retry-After'),
          attempt: attempt + 1,
          method: options?.method,
          url: typeof request === 'string' ? request : request.url,
        },
        'graph request throttled or unavailable; retrying',
      );
      // The discarded response is never read; cancelling frees its connection. A failed cancel changes nothing.
      response.body?.cancel().catch(() => undefined);
      return true;
    },
  );
}

/** A Graph SDK client: bearer token on every attempt, SDK retries with Retry-After, per-attempt timeout. */
export function createGraphClient(options: GraphClientOptions): Client {
  const logger = options.logger ?? silentLogger;
  const { origin, host, version } = splitGraphBaseUrl(options.baseUrl);
  // Retry sits before the token handler so each attempt gets a fresh token (MSAL's cache makes this cheap).
  const middleware = [
    new RetryHandler(retryOptions(options.maxRetries ?? DEFAULT_MAX_RETRIES, logger)),
    new MeteringHandler(options.metrics ?? noMetrics),
    new BearerTokenHandler(origin, options.tokenProvider),
    new AttemptTimeoutHandler(options.attemptTimeoutMs ?? 30_000),
    new HTTPMessageHandler(),
  ];
  return Client.initWithMiddleware({ middleware, baseUrl: host, defaultVersion: version });
}
