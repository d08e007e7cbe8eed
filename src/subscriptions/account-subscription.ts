// One sync account's presence subscription brought in line with the users assigned to it: created when
// missing, renewed when less than `renewBeforeMs` remains (or once after start, to learn whether Graph still
// has it), replaced (delete, then create with a new clientState) when the users, the notification URL or the
// certificate changed, deleted when the account has no users left.
import type { Clock } from '../ports/clock.port';
import type { SecretBox } from '../ports/secret-box.port';
import type {
  GatewayFailure,
  SubscriptionGateway,
  SubscriptionOutcome,
} from '../ports/subscription-gateway.port';
import { sameUsers } from './assignment';
import type { TokenFailure } from './account-tokens';
import { newClientState } from './client-state';
import { presenceSubscriptionResource } from './presence-resource';
import { clientStateContext, type StoredSubscription } from './sync-account-records';

export interface SubscriptionSettings {
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  readonly encryption: { readonly certificate: string; readonly certificateId: string } | null;
  readonly lifetimeMs: number;
  readonly renewBeforeMs: number;
}

export interface AccountStepDeps {
  readonly gateway: SubscriptionGateway;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly settings: SubscriptionSettings;
  /** Called with a new clientState before Graph is asked; the returned function forgets it again. */
  readonly expectClientState?: (clientState: string) => () => void;
}

/** Where the account's subscription stands after a step; error set when Graph refused or was unreachable. */
export interface StepResult {
  readonly subscription: StoredSubscription | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export const failed = (
  subscription: StoredSubscription | null,
  f: GatewayFailure | TokenFailure,
): StepResult => ({
  subscription,
  error: { code: f.code, message: f.message },
});
const done = (subscription: StoredSubscription | null): StepResult => ({ subscription, error: null });

export function matchesSettings(
  sub: StoredSubscription,
  users: readonly string[],
  s: SubscriptionSettings,
): boolean {
  return (
    sameUsers(sub.userIds, users) &&
    sub.notificationUrl === s.notificationUrl &&
    sub.certificateId === (s.encryption?.certificateId ?? null)
  );
}

const expiry = (deps: AccountStepDeps): string =>
  new Date(deps.clock.now() + deps.settings.lifetimeMs).toISOString();

export async function createSubscription(
  deps: AccountStepDeps,
  token: string,
  users: readonly string[],
): Promise<StepResult> {
  const clientState = newClientState();
  const { settings } = deps;
  const request = {
    resource: presenceSubscriptionResource(users),
    notificationUrl: settings.notificationUrl,
    lifecycleNotificationUrl: settings.lifecycleNotificationUrl,
    expirationDateTime: expiry(deps),
    clientState,
    ...(settings.encryption ? { encryption: settings.encryption } : {}),
  };
  const release = deps.expectClientState?.(clientState);
  let created: SubscriptionOutcome;
  try {
    created = await deps.gateway.create(token, request);
    if (!created.ok && created.conflict) {
      // Graph allows one presence subscription per user and app: one we lost track of (a crash between
      // creating and saving it) is in the way. It is ours, so it goes.
      const listed = await deps.gateway.list(token);
      if (!listed.ok) return failed(null, listed);
      for (const id of listed.ids) await deps.gateway.delete(token, id);
      created = await deps.gateway.create(token, { ...request, expirationDateTime: expiry(deps) });
    }
  } finally {
    release?.();
  }
  if (!created.ok) return failed(null, created);
  const { id, expiresAt } = created.subscription;
  return done({
    id,
    userIds: [...users],
    expiresAt: new Date(expiresAt).toISOString(),
    clientState: deps.box.seal(clientState, clientStateContext(id)),
    notificationUrl: settings.notificationUrl,
    certificateId: settings.encryption?.certificateId ?? null,
  });
}

/** PATCH with a new expiry; a subscription Graph no longer knows is created again. */
export async function renewSubscription(
  deps: AccountStepDeps,
  token: string,
  sub: StoredSubscription,
): Promise<StepResult> {
  const renewed = await deps.gateway.renew(token, sub.id, expiry(deps));
  if (renewed.ok) return done({ ...sub, expiresAt: new Date(renewed.subscription.expiresAt).toISOString() });
  if (renewed.notFound) return createSubscription(deps, token, sub.userIds);
  return failed(sub, renewed);
}

export async function deleteSubscription(
  deps: AccountStepDeps,
  token: string,
  sub: StoredSubscription,
): Promise<StepResult> {
  const deleted = await deps.gateway.delete(token, sub.id);
  return deleted.ok ? done(null) : failed(sub, deleted);
}

/** Brings the subscription in line with `users`; `verified` says Graph confirmed it since we started. */
export async function convergeSubscription(
  deps: AccountStepDeps,
  token: () => Promise<{ ok: true; token: string } | TokenFailure>,
  current: StoredSubscription | null,
  users: readonly string[],
  verified: boolean,
): Promise<StepResult> {
  if (users.length === 0 && !current) return done(null);
  if (current && users.length > 0 && matchesSettings(current, users, deps.settings)) {
    const left = Date.parse(current.expiresAt) - deps.clock.now();
    if (verified && left > deps.settings.renewBeforeMs) return done(current);
  }
  const access = await token();
  if (!access.ok) return failed(current, access);
  if (!current) return createSubscription(deps, access.token, users);
  if (users.length > 0 && matchesSettings(current, users, deps.settings)) {
    return renewSubscription(deps, access.token, current);
  }
  const removed = await deleteSubscription(deps, access.token, current);
  if (removed.error || users.length === 0) return removed;
  return createSubscription(deps, access.token, users);
}

/** reauthorizationRequired: reauthorize; failing that renew; failing that replace. */
export async function reauthorizeSubscription(
  deps: AccountStepDeps,
  token: string,
  sub: StoredSubscription,
): Promise<StepResult> {
  const reauthorized = await deps.gateway.reauthorize(token, sub.id);
  if (reauthorized.ok) return done(sub);
  const renewed = await renewSubscription(deps, token, sub);
  if (!renewed.error) return renewed;
  const removed = await deleteSubscription(deps, token, sub);
  if (removed.error) return removed;
  return createSubscription(deps, token, sub.userIds);
}
