// POST /api/cc/events: verify, validate, store durably, answer 202; the sync engine does the work after.
// The signature covers the exact bytes received (after Content-Encoding is undone), never a re-encoding.
import type { Request, Response, Server } from 'restify';
import {
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../../src/adapters/signature/hmac-signature';
import type { AgentId } from '../../src/domain/ids';
import type { Store } from '../../src/ports/store.port';
import { withFields, type Logger } from '../../src/ports/logger.port';
import { MAX_BODY_BYTES, parseEventBatch } from '../cc/event-schema';
import { sendError } from './http-errors';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';
import { requestIdOf } from './request-hooks';

export interface CcEventsDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly secret: string;
  readonly now: () => number;
  readonly knownStates: () => ReadonlySet<string>;
  readonly accepted: (agents: readonly AgentId[]) => void;
}

export function mountCcEvents(server: Server, deps: CcEventsDeps): void {
  server.post('/api/cc/events', readRawBody(MAX_BODY_BYTES), async (req: Request, res: Response) => {
    // Order: framing (size, encoding: the body reader), then media type, then signature, then content. A
    // 415 before the 401 tells an unsigned caller nothing it did not send; nothing unsigned is parsed.
    if (!isJson(req))
      return sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
    const body = rawBody(req);
    const check = verifySignature(
      deps.secret,
      body,
      req.header(TIMESTAMP_HEADER),
      req.header(SIGNATURE_HEADER),
      deps.now() / 1000,
    );
    if (!check.ok) return sendError(res, 401, check.code, check.message);
    const json = parseJson(body);
    if (json === undefined) return sendError(res, 400, 'invalid_json', 'Body is not valid JSON in UTF-8');
    const batch = parseEventBatch(json, deps.knownStates(), deps.now());
    if (!batch.ok) return sendError(res, 400, 'invalid_event', batch.message, batch.details);
    // The request id ties this line to the caller; the event ids tie it to each event's later lines.
    const log = withFields(deps.logger, { requestId: requestIdOf(req) });
    try {
      const result = await deps.store.acceptEvents(batch.events, new Date(deps.now()).toISOString());
      deps.accepted(result.agents);
      const { accepted, duplicates } = result;
      log.debug({ accepted, duplicates, eventIds: batch.events.map((e) => e.id) }, 'events stored');
      res.send(202, { accepted, duplicates });
    } catch (error) {
      log.error({ err: String(error) }, 'could not store events');
      sendError(
        res,
        503,
        'store_unavailable',
        'Events could not be stored; nothing was accepted, retry later',
      );
    }
  });
}
