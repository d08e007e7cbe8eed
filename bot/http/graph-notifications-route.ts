// POST /api/graph/notifications and /api/graph/lifecycle: Graph's validation handshake, then change and
// lifecycle notifications. Items of other subscriptions or with a wrong clientState are dropped; presence
// changes are handed to the sink, which stores them durably, and only then is 202 sent. Graph wants an answer
// within 3 s, so a slow sink gets 503 (Graph delivers again) rather than a late 202.
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../src/ports/logger.port';
import type {
  LifecycleNotice,
  PresenceChange,
  PresenceChangeSink,
} from '../../src/subscriptions/presence-change';
import {
  checkValidationTokens,
  readNotifications,
  type DroppedItem,
  type ResourceDecryptor,
  type ValidationTokenVerifier,
} from '../../src/subscriptions/notification-items';
import { sendError } from './http-errors';
import { parseJson, rawBody, readRawBody } from './raw-body';

export const NOTIFICATIONS_PATH = '/api/graph/notifications';
export const LIFECYCLE_PATH = '/api/graph/lifecycle';
const MAX_NOTIFICATION_BYTES = 4 * 1024 * 1024;
const MAX_VALIDATION_TOKEN = 2048;

export interface GraphNotificationsDeps {
  readonly manager: {
    checkClientState(subscriptionId: string, clientState: string): boolean;
    /** Makes the subscriptions another instance created checkable here (several instances). */
    knowSubscriptions?(ids: readonly string[]): Promise<void>;
    onLifecycle(notice: LifecycleNotice): void;
  };
  readonly sink: PresenceChangeSink;
  /** Null without a notification certificate (basic notifications). */
  readonly decrypt: ResourceDecryptor | null;
  /** Null without a certificate; otherwise a rich batch is refused unless all its validationTokens verify. */
  readonly verifyTokens?: ValidationTokenVerifier | null;
  readonly logger: Logger;
  /** The sink must finish within this, or Graph gets 503. Default 2500 ms. */
  readonly sinkTimeoutMs?: number;
}

export interface NotificationStats {
  readonly requests: number;
  readonly changes: number;
  readonly lifecycle: number;
  readonly dropped: number;
  readonly sinkFailures: number;
  /** Dropped items by reason (e.g. unknown_subscription_or_client_state), for metrics. */
  readonly droppedByReason: Readonly<Record<string, number>>;
}

/** The decoded ?validationToken= (URLSearchParams decodes "+" and %xx as Graph encodes them), or null. */
function validationToken(req: Request): string | null {
  return new URL(req.url ?? '/', 'http://localhost').searchParams.get('validationToken');
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the sink did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

type Counters = { -readonly [K in Exclude<keyof NotificationStats, 'droppedByReason'>]: number } & {
  droppedByReason: Record<string, number>;
};

function countBy(keys: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of keys) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}

/** True once the sink has stored the changes; false (logged, counted) when it failed or took too long. */
async function handOver(
  deps: GraphNotificationsDeps,
  stats: Counters,
  changes: readonly PresenceChange[],
): Promise<boolean> {
  try {
    await withDeadline(deps.sink(changes), deps.sinkTimeoutMs ?? 2500);
    stats.changes += changes.length;
    return true;
  } catch (error) {
    stats.sinkFailures += 1;
    const fields = { err: error instanceof Error ? error.message : String(error), changes: changes.length };
    deps.logger.error(fields, 'presence changes could not be stored; Graph will deliver them again');
    return false;
  }
}

/** Nothing of the batch is read: 401 for a bad token, 503 (Graph delivers again) when keys are unreachable. */
function refuseTokens(res: Response, logger: Logger, reason: string, unavailable: boolean): void {
  logger.warn({ reason }, 'rich notification batch refused: validationTokens did not verify');
  if (unavailable)
    return sendError(
      res,
      503,
      'signing_keys_unavailable',
      'The token signing keys could not be read; retry later',
    );
  sendError(res, 401, 'invalid_validation_tokens', `validationTokens did not verify (${reason})`);
}

/** Graph's handshake: answer the token as plain text within 10 s. */
function echoValidationToken(res: Response, token: string): void {
  if (token.length > MAX_VALIDATION_TOKEN)
    return sendError(res, 400, 'invalid_validation_token', 'validationToken is too long');
  // The echo is the caller's text: nosniff keeps a browser from reading it as HTML or script.
  res.sendRaw(200, token, {
    'content-type': 'text/plain; charset=utf-8',
    'x-content-type-options': 'nosniff',
  });
}

/** One log line per request, whatever its size: a forged 4 MiB batch must not become 180,000 lines. */
function countDropped(logger: Logger, stats: Counters, dropped: readonly DroppedItem[], path: string): void {
  stats.dropped += dropped.length;
  if (dropped.length === 0) return;
  const byReason = countBy(dropped.map((d) => d.reason));
  logger.warn({ path, dropped: byReason }, 'graph notification items dropped');
  for (const [reason, n] of Object.entries(byReason))
    stats.droppedByReason[reason] = (stats.droppedByReason[reason] ?? 0) + n;
}

export function mountGraphNotifications(
  server: Server,
  deps: GraphNotificationsDeps,
): { stats(): NotificationStats } {
  const stats: Counters = {
    requests: 0,
    changes: 0,
    lifecycle: 0,
    dropped: 0,
    sinkFailures: 0,
    droppedByReason: {},
  };
  const handler = async (req: Request, res: Response): Promise<void> => {
    const token = validationToken(req);
    if (token !== null) return echoValidationToken(res, token);
    stats.requests += 1;
    const checkClientState = (id: string, cs: string) => deps.manager.checkClientState(id, cs);
    const json = parseJson(rawBody(req));
    const tokens = await checkValidationTokens(json, deps.verifyTokens ?? null);
    if (!tokens.ok) return refuseTokens(res, deps.logger, tokens.reason, tokens.unavailable === true);
    await deps.manager.knowSubscriptions?.(subscriptionIdsOf(json));
    const batch = readNotifications(json, { checkClientState, decrypt: deps.decrypt });
    if (!batch) return sendError(res, 400, 'invalid_notification', 'Body must be {"value": [ … ]}');
    countDropped(deps.logger, stats, batch.dropped, req.getPath());
    stats.lifecycle += batch.lifecycle.length;
    batch.lifecycle.forEach((notice) => deps.manager.onLifecycle(notice));
    if (batch.changes.length > 0 && !(await handOver(deps, stats, batch.changes))) {
      return sendError(res, 503, 'store_unavailable', 'Notifications could not be stored; retry later');
    }
    res.send(202);
  };
  const body = readRawBody(MAX_NOTIFICATION_BYTES);
  server.post(NOTIFICATIONS_PATH, body, handler);
  server.post(LIFECYCLE_PATH, body, handler);
  return { stats: () => ({ ...stats, droppedByReason: { ...stats.droppedByReason } }) };
}

/** The subscriptionIds a batch names (before it is checked), so a follower can read them from the store. */
function subscriptionIdsOf(json: unknown): string[] {
  const value = (json as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return [];
  return value
    .map((item) => (item as { subscriptionId?: unknown } | null)?.subscriptionId)
    .filter((id): id is string => typeof id === 'string')
    .slice(0, 1000);
}
