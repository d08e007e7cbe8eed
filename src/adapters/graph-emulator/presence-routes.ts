// Graph's presence routes: setPresence / clearPresence (application sessions), setUserPreferredPresence /
// clearUserPreferredPresence, setStatusMessage, and the reads. Validation follows Microsoft Learn's presence-* pages.
import { SETTABLE_PRESENCES, isSettable, type TeamsPresence } from '../../domain/presence';
import { isPreferrable, PREFERRED_PRESENCES } from '../../domain/rich-presence';
import { type GraphCall, type GraphHandler, param } from './graph-call';
import { fail, isRecord, ok, type Reply } from './http-kit';
import { parseIsoDuration } from './iso-duration';
import { presenceResource } from './presence-resource';
import type { PresenceStore } from './presence-store';
import { route, type Route } from './router';
import { setStatusMessage } from './status-message-route';

const MIN_SESSION_MS = 5 * 60_000;
const MAX_SESSION_MS = 240 * 60_000;
const DAY_MS = 86_400_000;
export const MAX_IDS_PER_REQUEST = 650;

const badRequest = (message: string): Reply => fail(400, 'BadRequest', message);

function describePairs(pairs: readonly TeamsPresence[]): string {
  return pairs.map((p) => `${p.availability}/${p.activity}`).join(', ');
}

function presenceIn(body: Record<string, unknown>): TeamsPresence | undefined {
  const { availability, activity } = body;
  return typeof availability === 'string' && typeof activity === 'string'
    ? { availability, activity }
    : undefined;
}

/** Milliseconds of the optional expirationDuration, or a 400 reply. */
function durationIn(
  body: Record<string, unknown>,
  fallback: number,
  range: [number, number],
): number | Reply {
  const raw = body.expirationDuration;
  if (raw === undefined || raw === null) return fallback;
  const ms = typeof raw === 'string' ? parseIsoDuration(raw) : undefined;
  if (ms === undefined || ms < range[0] || ms > range[1]) {
    return badRequest(
      `The expirationDuration '${String(raw)}' is invalid: use an ISO-8601 duration in the supported range.`,
    );
  }
  return ms;
}

function setPresence(store: PresenceStore): GraphHandler {
  return (call) => {
    const { body } = call;
    if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
    if (typeof body.sessionId !== 'string' || body.sessionId.trim() === '')
      return badRequest('The sessionId is required.');
    const presence = presenceIn(body);
    if (!presence || !isSettable(presence)) {
      return badRequest(
        `The availability '${String(body.availability)}' and activity '${String(body.activity)}' combination is not ` +
          `supported. Supported combinations: ${describePairs(SETTABLE_PRESENCES)}.`,
      );
    }
    const duration = durationIn(body, MIN_SESSION_MS, [MIN_SESSION_MS, MAX_SESSION_MS]);
    if (typeof duration !== 'number') return duration;
    store.setSession(param(call, 0), body.sessionId, presence, duration);
    return ok();
  };
}

function clearPresence(store: PresenceStore): GraphHandler {
  return (call) => {
    const { body } = call;
    if (!isRecord(body) || typeof body.sessionId !== 'string' || body.sessionId === '') {
      return badRequest('The sessionId is required.');
    }
    if (!store.clearSession(param(call, 0), body.sessionId)) {
      return fail(404, 'NotFound', `The presence session '${body.sessionId}' was not found for this user.`);
    }
    return ok();
  };
}

function setUserPreferredPresence(store: PresenceStore): GraphHandler {
  return (call) => {
    const { body } = call;
    if (!isRecord(body)) return badRequest('The request body must be a JSON object.');
    const presence = presenceIn(body);
    if (!presence || !isPreferrable(presence)) {
      return badRequest(
        `Unsupported preferred presence. Supported combinations: ${describePairs(PREFERRED_PRESENCES)}.`,
      );
    }
    const strict = presence.availability === 'DoNotDisturb' || presence.availability === 'Busy';
    const duration = durationIn(body, strict ? DAY_MS : 7 * DAY_MS, [1, Number.MAX_SAFE_INTEGER]);
    if (typeof duration !== 'number') return duration;
    store.setPreferred(param(call, 0), presence, duration);
    return ok();
  };
}

function getPresencesByUserId(store: PresenceStore): GraphHandler {
  return ({ body }) => {
    const ids = isRecord(body) ? body.ids : undefined;
    if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string' && id !== '')) {
      return badRequest("The 'ids' parameter must be a collection of user ids.");
    }
    if (ids.length < 1 || ids.length > MAX_IDS_PER_REQUEST) {
      return badRequest(
        `The 'ids' collection must hold between 1 and ${MAX_IDS_PER_REQUEST} ids; it has ${ids.length}.`,
      );
    }
    return ok({ value: ids.map((id) => presenceResource(store.presenceOf(id))) });
  };
}

export function presenceRoutes(store: PresenceStore): Route<GraphHandler>[] {
  const read = (call: GraphCall): Reply => ok(presenceResource(store.presenceOf(param(call, 0))));
  const presence = { presence: true };
  return [
    route('POST', '/users/:id/presence/setPresence', setPresence(store), presence),
    route('POST', '/users/:id/presence/clearPresence', clearPresence(store), presence),
    route('POST', '/users/:id/presence/setUserPreferredPresence', setUserPreferredPresence(store), presence),
    route(
      'POST',
      '/users/:id/presence/clearUserPreferredPresence',
      (call: GraphCall) => (store.clearPreferred(param(call, 0)), ok()),
      presence,
    ),
    route('POST', '/users/:id/presence/setStatusMessage', setStatusMessage(store), presence),
    route('GET', '/users/:id/presence', read, presence),
    route('GET', '/communications/presences/:id', read, presence),
    route('POST', '/communications/getPresencesByUserId', getPresencesByUserId(store), presence),
  ];
}
