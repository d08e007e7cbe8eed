// /_emulator/* routes: what people and the CLI use to look at and steer the emulator (not part of Graph).
import type { TeamsPresence } from '../../domain/presence';
import { clientPresenceProblem } from './client-presence';
import { isValidFault, type Fault } from './faults';
import { fail, isRecord, ok, type Reply } from './http-kit';
import { LIFECYCLE_EVENTS, type LifecycleEvent } from './notifications';
import type { LoggedRequest } from './request-log';
import { route, matchRoute } from './router';

/** The emulator operations the control routes expose. */
export interface ControlApi {
  readonly url: string;
  /** POST /_emulator/users: validates and adds or replaces users (users-control.ts). */
  seedUsersRequest(body: unknown): Reply;
  /** DELETE /_emulator/users/{id}: 204, or 404 when there is no such user. */
  removeUserRequest(id: string): Reply;
  userDetails(userId: string): unknown;
  setClientPresence(userId: string, presence: TeamsPresence | null): void;
  injectFaults(fault: Fault): void;
  requests(): readonly LoggedRequest[];
  reset(): void;
  issueDelegatedRefreshToken(userPrincipalName: string): string;
  /** False when the subscription does not exist or has no lifecycle URL. */
  triggerLifecycle(subscriptionId: string, event: LifecycleEvent): boolean;
}

type ControlHandler = (api: ControlApi, params: readonly string[], body: unknown) => Reply;

const invalid = (message: string): Reply => fail(400, 'invalid_request', message);

const ROUTES = [
  route<ControlHandler>('GET', '/_emulator', (api) => ok(usage(api.url))),
  route<ControlHandler>('GET', '/_emulator/users/:id', (api, [id = '']) => ok(api.userDetails(id))),
  route<ControlHandler>('POST', '/_emulator/users', (api, _params, body) => api.seedUsersRequest(body)),
  route<ControlHandler>('DELETE', '/_emulator/users/:id', (api, [id = '']) => api.removeUserRequest(id)),
  route<ControlHandler>('PUT', '/_emulator/users/:id/client-presence', (api, [id = ''], body) => {
    if (!isRecord(body) || typeof body.availability !== 'string' || typeof body.activity !== 'string') {
      return invalid('Send {"availability": "...", "activity": "..."}.');
    }
    const presence = { availability: body.availability, activity: body.activity };
    const problem = clientPresenceProblem(presence);
    if (problem) return invalid(`${problem}.`);
    api.setClientPresence(id, presence);
    return ok(api.userDetails(id));
  }),
  route<ControlHandler>('DELETE', '/_emulator/users/:id/client-presence', (api, [id = '']) => {
    api.setClientPresence(id, null);
    return { status: 204 };
  }),
  route<ControlHandler>('POST', '/_emulator/faults', (api, _params, body) => {
    if (!isValidFault(body))
      return invalid('Send {"status": 400..599, "count": n, "retryAfterSeconds"?: s}.');
    api.injectFaults(body);
    return { status: 204 };
  }),
  route<ControlHandler>('GET', '/_emulator/requests', (api) => ok({ value: api.requests() })),
  route<ControlHandler>('POST', '/_emulator/reset', (api) => (api.reset(), { status: 204 })),
  route<ControlHandler>('POST', '/_emulator/refresh-tokens', (api, _params, body) => {
    if (!isRecord(body) || typeof body.userPrincipalName !== 'string' || body.userPrincipalName === '') {
      return invalid('Send {"userPrincipalName": "agent@contoso.com"}.');
    }
    return ok({ refresh_token: api.issueDelegatedRefreshToken(body.userPrincipalName) }, 201);
  }),
  route<ControlHandler>('POST', '/_emulator/subscriptions/:id/lifecycle', (api, [id = ''], body) => {
    const event = isRecord(body) ? body.lifecycleEvent : undefined;
    if (!LIFECYCLE_EVENTS.some((e) => e === event))
      return invalid(`lifecycleEvent must be one of ${LIFECYCLE_EVENTS.join(', ')}.`);
    if (!api.triggerLifecycle(id, event as LifecycleEvent)) {
      return fail(404, 'not_found', `No subscription '${id}' with a lifecycleNotificationUrl.`);
    }
    return { status: 202 };
  }),
];

export function handleControl(api: ControlApi, method: string, path: string, body: unknown): Reply {
  const match = matchRoute(ROUTES, method, path);
  if (match.kind === 'found') return match.route.handler(api, match.params, body);
  if (match.kind === 'method_not_allowed')
    return fail(405, 'method_not_allowed', `${method} is not supported on ${path}.`);
  return fail(404, 'not_found', `Unknown control route ${path}; GET /_emulator lists them.`);
}

export function usage(graphUrl: string): { graphBaseUrl: string; routes: string[] } {
  return {
    graphBaseUrl: graphUrl,
    routes: [
      'GET    /_emulator/users/{id}                  aggregate presence, sessions, client and preferred presence, status message',
      'POST   /_emulator/users                       {"users":[{"userPrincipalName","displayName","mail"?,"jobTitle"?,"id"?}]}',
      'DELETE /_emulator/users/{id}                  remove a user from the tenant (GET /users, /users/delta)',
      'PUT    /_emulator/users/{id}/client-presence  {"availability","activity"}: the user\'s own Teams client',
      'DELETE /_emulator/users/{id}/client-presence  the user signs out of Teams',
      'POST   /_emulator/faults                      {"status":503,"count":2,"retryAfterSeconds"?:1}',
      'GET    /_emulator/requests                    the Graph requests received',
      'POST   /_emulator/reset                       forget presence, subscriptions, faults, quota and requests',
      'POST   /_emulator/refresh-tokens              {"userPrincipalName"}: a delegated refresh token (sync account)',
      'POST   /_emulator/subscriptions/{id}/lifecycle {"lifecycleEvent":"reauthorizationRequired"}',
      'POST   /_emulator/sso-token                   {"oid","aud","tid"?,"name"?,"upn"?,"scp"?}: a Teams tab SSO token',
    ],
  };
}
