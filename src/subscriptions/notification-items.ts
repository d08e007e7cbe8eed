// Reads a Graph notification body ({"value": [ … ]}) into presence changes and lifecycle notices. An item
// whose subscription is not ours or whose clientState is wrong is dropped before anything else is read.
import { teamsUserId } from '../domain/ids';
import type { LifecycleNotice, PresenceChange } from './presence-change';
import { userIdOfResource } from './presence-resource';

/** Decrypts a rich notification's encryptedContent (adapter: notification-decryptor.ts). */
export type ResourceDecryptor = (
  encryptedContent: unknown,
) => { readonly ok: true; readonly resource: unknown } | { readonly ok: false; readonly reason: string };

export interface NotificationReaderDeps {
  readonly checkClientState: (subscriptionId: string, clientState: string) => boolean;
  /** Null without a certificate: encrypted content is then ignored and the change names the user only. */
  readonly decrypt: ResourceDecryptor | null;
}

export interface DroppedItem {
  readonly reason: string;
  readonly subscriptionId?: string;
}

export interface NotificationBatch {
  readonly changes: PresenceChange[];
  readonly lifecycle: LifecycleNotice[];
  readonly dropped: DroppedItem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

type ItemResult =
  | { kind: 'change'; change: PresenceChange }
  | { kind: 'lifecycle'; notice: LifecycleNotice }
  | { kind: 'dropped'; dropped: DroppedItem };

function presenceOf(resource: unknown): PresenceChange['presence'] | null {
  if (!isRecord(resource)) return null;
  const availability = text(resource['availability']);
  const activity = text(resource['activity']);
  if (!availability || !activity) return null;
  const sequenceNumber = text(resource['sequenceNumber']);
  return sequenceNumber ? { availability, activity, sequenceNumber } : { availability, activity };
}

function changeOf(
  item: Record<string, unknown>,
  subscriptionId: string,
  deps: NotificationReaderDeps,
): ItemResult {
  const data = isRecord(item['resourceData']) ? item['resourceData'] : {};
  const userId = text(data['id']) ?? userIdOfResource(text(item['resource']) ?? '');
  const drop = (reason: string): ItemResult => ({ kind: 'dropped', dropped: { reason, subscriptionId } });
  if (!userId) return drop('no_user_id');
  const change: PresenceChange = { teamsUserId: teamsUserId(userId) };
  if (item['encryptedContent'] === undefined || !deps.decrypt) return { kind: 'change', change };
  const decrypted = deps.decrypt(item['encryptedContent']);
  if (!decrypted.ok) return drop(decrypted.reason);
  const resourceId = isRecord(decrypted.resource) ? text(decrypted.resource['id']) : undefined;
  if (resourceId && resourceId.toLowerCase() !== userId.toLowerCase()) return drop('resource_id_mismatch');
  const presence = presenceOf(decrypted.resource);
  return { kind: 'change', change: presence ? { ...change, presence } : change };
}

function readItem(item: unknown, deps: NotificationReaderDeps): ItemResult {
  if (!isRecord(item)) return { kind: 'dropped', dropped: { reason: 'malformed_item' } };
  const subscriptionId = text(item['subscriptionId']);
  if (!subscriptionId) return { kind: 'dropped', dropped: { reason: 'no_subscription_id' } };
  const clientState = typeof item['clientState'] === 'string' ? item['clientState'] : '';
  if (!deps.checkClientState(subscriptionId, clientState)) {
    return { kind: 'dropped', dropped: { reason: 'unknown_subscription_or_client_state', subscriptionId } };
  }
  const lifecycleEvent = text(item['lifecycleEvent']);
  if (lifecycleEvent) return { kind: 'lifecycle', notice: { subscriptionId, lifecycleEvent } };
  return changeOf(item, subscriptionId, deps);
}

/** Null when the body is not a notification collection at all. */
export function readNotifications(body: unknown, deps: NotificationReaderDeps): NotificationBatch | null {
  const value = isRecord(body) ? body['value'] : undefined;
  if (!Array.isArray(value)) return null;
  const batch: NotificationBatch = { changes: [], lifecycle: [], dropped: [] };
  for (const item of value as unknown[]) {
    const result = readItem(item, deps);
    if (result.kind === 'change') batch.changes.push(result.change);
    else if (result.kind === 'lifecycle') batch.lifecycle.push(result.notice);
    else batch.dropped.push(result.dropped);
  }
  return batch;
}

/** Graph's change-notification publisher: the `appid` (v1) / `azp` (v2) of every genuine validation token. */
export const GRAPH_NOTIFICATION_PUBLISHER_ID = '0bf30f3b-4a52-48df-9a82-234910c4a086';
const MAX_VALIDATION_TOKENS = 20;
const MAX_TOKEN_LENGTH = 16 * 1024;

export type TokenVerdict =
  | { readonly ok: true }
  /** `unavailable`: the issuer's keys could not be fetched; Graph should deliver again later. */
  | { readonly ok: false; readonly reason: string; readonly unavailable?: boolean };

/**
 * Checks one validation token: signature through the issuer's keys, `aud` = our app id, publisher = Graph,
 * not expired (adapter: src/adapters/graph/validation-tokens.ts). Never throws.
 */
export type ValidationTokenVerifier = (token: string) => Promise<TokenVerdict>;

const hasEncryptedContent = (item: unknown): boolean =>
  isRecord(item) && item['encryptedContent'] !== undefined;

/**
 * A batch with resource data (any item with encryptedContent) is Graph's only if it carries validationTokens
 * and every one verifies (Microsoft Learn: "if any token fails, consider the notification suspicious").
 * Basic batches carry none; their clientState authenticates them.
 */
export async function checkValidationTokens(
  body: unknown,
  verify: ValidationTokenVerifier | null,
): Promise<TokenVerdict> {
  const value = isRecord(body) ? body['value'] : undefined;
  if (!verify || !Array.isArray(value) || !value.some(hasEncryptedContent)) return { ok: true };
  const tokens = isRecord(body) ? body['validationTokens'] : undefined;
  if (!Array.isArray(tokens) || tokens.length === 0)
    return { ok: false, reason: 'validation_tokens_missing' };
  if (tokens.length > MAX_VALIDATION_TOKENS) return { ok: false, reason: 'too_many_validation_tokens' };
  for (const token of tokens as unknown[]) {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH)
      return { ok: false, reason: 'validation_token_malformed' };
    const verdict = await verify(token);
    if (!verdict.ok) return verdict;
  }
  return { ok: true };
}
