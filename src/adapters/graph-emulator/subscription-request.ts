// Validation of presence subscription requests (Microsoft Learn: subscription-post-subscriptions,
// changenotifications-for-presence): changeType "updated", a presence resource of ≤ 650 users, an expiry at
// most 60 minutes ahead, clientState ≤ 128 characters, and a certificate when resource data is included.
import { parseEncryptionCertificate, type EncryptionKey } from './encryption';
import { isRecord } from './http-kit';

export const MAX_SUBSCRIPTION_MINUTES = 60;
export const MAX_USERS_PER_SUBSCRIPTION = 650;
const MAX_CLIENT_STATE = 128;
const MAX_CERTIFICATE_ID = 128;

export interface SubscriptionEncryption {
  readonly certificate: string;
  readonly certificateId: string;
  readonly key: EncryptionKey;
}

export interface SubscriptionDraft {
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl?: string;
  readonly resource: string;
  readonly userIds: readonly string[];
  readonly expiresAt: number;
  readonly clientState?: string;
  readonly includeResourceData: boolean;
  readonly encryption?: SubscriptionEncryption;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const invalid = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** The user ids a presence resource covers: "/communications/presences/{id}" or "…?$filter=id in ('a','b')". */
export function parsePresenceResource(resource: string): Parsed<string[]> {
  const text = resource.trim().replace(/^\//, '');
  const single = /^communications\/presences\/([^/?]+)$/i.exec(text);
  if (single?.[1]) return { ok: true, value: [decodeURIComponent(single[1])] };
  const bulk = /^communications\/presences\?\$filter=id\s+in\s+\((.*)\)$/i.exec(safeDecode(text));
  if (!bulk)
    return invalid(
      `Unsupported resource '${resource}': use communications/presences/{id} or a filter on id.`,
    );
  const ids = [...(bulk[1] ?? '').matchAll(/'([^']+)'/g)].map((m) => m[1] as string);
  if (ids.length === 0) return invalid('The presence filter names no user ids.');
  if (ids.length > MAX_USERS_PER_SUBSCRIPTION) {
    return invalid(
      `A presence subscription covers at most ${MAX_USERS_PER_SUBSCRIPTION} users; this one names ${ids.length}.`,
    );
  }
  return { ok: true, value: ids };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function parseExpiration(value: unknown, now: number): Parsed<number> {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (Number.isNaN(at))
    return invalid('The expirationDateTime is required and must be an ISO-8601 date-time.');
  if (at <= now) return invalid('Subscription expiration must be in the future.');
  if (at - now > MAX_SUBSCRIPTION_MINUTES * 60_000) {
    return invalid(`Subscription expiration can only be ${MAX_SUBSCRIPTION_MINUTES} minutes in the future.`);
  }
  return { ok: true, value: at };
}

function parseUrl(value: unknown, name: string): Parsed<string> {
  if (typeof value !== 'string') return invalid(`The ${name} is required.`);
  try {
    const url = new URL(value);
    if (url.protocol === 'https:' || url.protocol === 'http:') return { ok: true, value };
  } catch {
    // falls through to the error below
  }
  return invalid(`The ${name} '${value}' is not an absolute http(s) URL.`);
}

export function parseEncryption(body: Record<string, unknown>): Parsed<SubscriptionEncryption> {
  const { encryptionCertificate: certificate, encryptionCertificateId: certificateId } = body;
  if (typeof certificate !== 'string' || certificate === '') {
    return invalid('The encryptionCertificate is required when includeResourceData is true.');
  }
  if (
    typeof certificateId !== 'string' ||
    certificateId === '' ||
    certificateId.length > MAX_CERTIFICATE_ID
  ) {
    return invalid(`The encryptionCertificateId is required (at most ${MAX_CERTIFICATE_ID} characters).`);
  }
  const key = parseEncryptionCertificate(certificate);
  if (typeof key === 'string') return invalid(key);
  return { ok: true, value: { certificate, certificateId, key } };
}

type Delivery = Pick<
  SubscriptionDraft,
  'notificationUrl' | 'lifecycleNotificationUrl' | 'resource' | 'userIds' | 'expiresAt'
>;

function parseDelivery(body: Record<string, unknown>, now: number): Parsed<Delivery> {
  if (body.changeType !== 'updated')
    return invalid("Presence subscriptions support changeType 'updated' only.");
  if (typeof body.resource !== 'string') return invalid('The resource is required.');
  const userIds = parsePresenceResource(body.resource);
  if (!userIds.ok) return userIds;
  const notificationUrl = parseUrl(body.notificationUrl, 'notificationUrl');
  if (!notificationUrl.ok) return notificationUrl;
  const lifecycle =
    body.lifecycleNotificationUrl === undefined
      ? undefined
      : parseUrl(body.lifecycleNotificationUrl, 'lifecycleNotificationUrl');
  if (lifecycle && !lifecycle.ok) return lifecycle;
  const expiresAt = parseExpiration(body.expirationDateTime, now);
  if (!expiresAt.ok) return expiresAt;
  const value: Delivery = {
    notificationUrl: notificationUrl.value,
    resource: body.resource,
    userIds: userIds.value,
    expiresAt: expiresAt.value,
  };
  return { ok: true, value: lifecycle ? { ...value, lifecycleNotificationUrl: lifecycle.value } : value };
}

export function parseSubscriptionRequest(body: unknown, now: number): Parsed<SubscriptionDraft> {
  if (!isRecord(body)) return invalid('The request body must be a JSON object.');
  const delivery = parseDelivery(body, now);
  if (!delivery.ok) return delivery;
  const { clientState } = body;
  if (
    clientState !== undefined &&
    (typeof clientState !== 'string' || clientState.length > MAX_CLIENT_STATE)
  ) {
    return invalid(`The clientState must be a string of at most ${MAX_CLIENT_STATE} characters.`);
  }
  const includeResourceData = body.includeResourceData === true;
  const encryption = includeResourceData ? parseEncryption(body) : undefined;
  if (encryption && !encryption.ok) return encryption;
  return {
    ok: true,
    value: {
      ...delivery.value,
      ...(typeof clientState === 'string' ? { clientState } : {}),
      includeResourceData,
      ...(encryption ? { encryption: encryption.value } : {}),
    },
  };
}
