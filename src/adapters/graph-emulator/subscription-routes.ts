// Graph's /subscriptions routes for presence change notifications. Presence subscriptions take delegated
// permissions only (an application token gets 403), one per user per application, at most 60 minutes long.
import type { Clock } from '../../ports/clock.port';
import type { Caller } from './caller';
import { type GraphCall, type GraphHandler, param } from './graph-call';
import { fail, isRecord, ok, type Reply } from './http-kit';
import { route, type Route } from './router';
import { parseEncryption, parseExpiration, parseSubscriptionRequest } from './subscription-request';
import { subscriptionResource, type Subscription, type SubscriptionStore } from './subscription-store';

export interface SubscriptionRouteDeps {
  readonly subs: SubscriptionStore;
  readonly clock: Clock;
  /** The Graph root, for @odata.context. */
  readonly graphUrl: () => string;
  /** Validation handshake: undefined when the endpoint passed, else why not. */
  readonly validate: (url: string) => Promise<string | undefined>;
}

const invalid = (message: string): Reply => fail(400, 'InvalidRequest', message);
const notFound = (id: string): Reply =>
  fail(404, 'ResourceNotFound', `The subscription '${id}' was not found.`);
const appForbidden = (): Reply =>
  fail(
    403,
    'Forbidden',
    'Presence subscriptions need delegated permissions (Presence.Read.All); application tokens are not supported.',
  );

function visible(sub: Subscription, caller: Caller): boolean {
  if (caller.kind === 'app') return true;
  return (
    sub.creatorUpn.toLowerCase() === caller.identity.upn.toLowerCase() &&
    sub.applicationId === caller.identity.clientId
  );
}

function conflict(existing: Subscription): Reply {
  return fail(
    409,
    'Conflict',
    `This user already has a presence subscription for this application (${existing.id}).`,
  );
}

function create(deps: SubscriptionRouteDeps): GraphHandler {
  return async ({ body, caller }) => {
    if (caller.kind !== 'delegated') return appForbidden();
    const parsed = parseSubscriptionRequest(body, deps.clock.now());
    if (!parsed.ok) return invalid(parsed.message);
    const { upn, clientId } = caller.identity;
    const existing = deps.subs.findByOwner(upn, clientId);
    if (existing) return conflict(existing);
    const urls = [parsed.value.notificationUrl, parsed.value.lifecycleNotificationUrl];
    for (const url of urls) {
      const problem = url === undefined ? undefined : await deps.validate(url);
      if (problem) {
        return invalid(
          `Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request. (${problem})`,
        );
      }
    }
    // Checked again: another create may have finished while the handshake ran.
    const raced = deps.subs.findByOwner(upn, clientId);
    if (raced) return conflict(raced);
    const sub = deps.subs.add(parsed.value, caller.identity);
    return ok(
      {
        '@odata.context': `${deps.graphUrl()}/$metadata#subscriptions/$entity`,
        ...subscriptionResource(sub),
      },
      201,
    );
  };
}

function renew(deps: SubscriptionRouteDeps): GraphHandler {
  return (call) => {
    if (call.caller.kind !== 'delegated') return appForbidden();
    const id = param(call, 0);
    const sub = deps.subs.get(id);
    if (!sub || !visible(sub, call.caller)) return notFound(id);
    if (!isRecord(call.body)) return invalid('The request body must be a JSON object.');
    const expiresAt = parseExpiration(call.body.expirationDateTime, deps.clock.now());
    if (!expiresAt.ok) return invalid(expiresAt.message);
    const encryption = call.body.encryptionCertificate === undefined ? undefined : parseEncryption(call.body);
    if (encryption && !encryption.ok) return invalid(encryption.message);
    const renewed = deps.subs.renew(id, expiresAt.value, encryption?.value);
    return renewed ? ok(subscriptionResource(renewed)) : notFound(id);
  };
}

function withVisible(
  deps: SubscriptionRouteDeps,
  then: (sub: Subscription, call: GraphCall) => Reply,
): GraphHandler {
  return (call) => {
    const id = param(call, 0);
    const sub = deps.subs.get(id);
    return sub && visible(sub, call.caller) ? then(sub, call) : notFound(id);
  };
}

export function subscriptionRoutes(deps: SubscriptionRouteDeps): Route<GraphHandler>[] {
  const list: GraphHandler = ({ caller }) =>
    ok({
      '@odata.context': `${deps.graphUrl()}/$metadata#subscriptions`,
      value: deps.subs
        .all()
        .filter((s) => visible(s, caller))
        .map(subscriptionResource),
    });
  const reauthorize: GraphHandler = (call) =>
    call.caller.kind === 'delegated' ? withVisible(deps, () => ({ status: 204 }))(call) : appForbidden();
  return [
    route('POST', '/subscriptions', create(deps)),
    route('GET', '/subscriptions', list),
    route(
      'GET',
      '/subscriptions/:id',
      withVisible(deps, (sub) => ok(subscriptionResource(sub))),
    ),
    route('PATCH', '/subscriptions/:id', renew(deps)),
    route(
      'DELETE',
      '/subscriptions/:id',
      withVisible(deps, (sub) => (deps.subs.remove(sub.id), { status: 204 })),
    ),
    route('POST', '/subscriptions/:id/reauthorize', reauthorize),
  ];
}
