// Registering and removing sync accounts, and what an admin may see of them (never a token or clientState).
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { SubscriptionGateway } from '../ports/subscription-gateway.port';
import type { AccountBook } from './account-book';
import { messageOf, type AccountTokens } from './account-tokens';
import { ACCOUNT_NAME, type AccountError, type SyncAccountRecord } from './sync-account-records';

export interface AccountInput {
  /** Our name for the account, e.g. "sync-1" (letters, digits, . _ -; ≤ 64). */
  readonly name: string;
  readonly refreshToken: string;
  readonly userPrincipalName?: string | null;
}

export interface AccountView {
  readonly name: string;
  readonly userPrincipalName: string | null;
  /** Users spread to this account. */
  readonly usersAssigned: number;
  /** Users its live subscription covers (0 while it has none). */
  readonly usersCovered: number;
  readonly subscriptionId: string | null;
  readonly expiresAt: string | null;
  readonly lastError: AccountError | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type AddAccountResult =
  | { readonly ok: true; readonly created: boolean; readonly account: AccountView }
  | {
      readonly ok: false;
      readonly code: 'invalid_account_name' | 'invalid_refresh_token';
      readonly message: string;
    };

export interface AdminContext {
  readonly book: AccountBook;
  readonly tokens: AccountTokens;
  readonly gateway: SubscriptionGateway;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly view: (record: SyncAccountRecord) => AccountView;
}

/** `live`: its subscription is confirmed by Graph and not expired. */
export function viewOf(record: SyncAccountRecord, live: boolean): AccountView {
  const sub = record.subscription;
  return {
    name: record.name,
    userPrincipalName: record.userPrincipalName,
    usersAssigned: record.assigned.length,
    usersCovered: sub && live ? sub.userIds.length : 0,
    subscriptionId: sub?.id ?? null,
    expiresAt: sub?.expiresAt ?? null,
    lastError: record.lastError,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

/**
 * Redeems the given refresh token at once, so a dead one is refused (nothing stored) while the admin is still
 * there. When Entra cannot be reached the token is stored anyway and tried again later. An account that
 * exists keeps its users and subscription; only its token (and UPN) change.
 */
export async function addAccount(ctx: AdminContext, input: AccountInput): Promise<AddAccountResult> {
  if (!ACCOUNT_NAME.test(input.name)) {
    return {
      ok: false,
      code: 'invalid_account_name',
      message: 'name: 1-64 letters, digits, ".", "_" or "-"',
    };
  }
  const exchanged = await ctx.tokens.exchange(input.name, input.refreshToken);
  if (!exchanged.ok && !exchanged.retryable) {
    return { ok: false, code: 'invalid_refresh_token', message: `${exchanged.code}: ${exchanged.message}` };
  }
  const now = new Date(ctx.clock.now()).toISOString();
  const existing = ctx.book.get(input.name);
  const record: SyncAccountRecord = {
    name: input.name,
    userPrincipalName: input.userPrincipalName ?? existing?.userPrincipalName ?? null,
    refreshToken: exchanged.ok
      ? exchanged.sealedRefreshToken
      : ctx.tokens.seal(input.name, input.refreshToken),
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    assigned: existing?.assigned ?? [],
    subscription: existing?.subscription ?? null,
    lastError: exchanged.ok ? null : { at: now, code: exchanged.code, message: exchanged.message },
  };
  await ctx.book.save(record);
  if (exchanged.ok) ctx.tokens.remember(input.name, exchanged);
  else ctx.tokens.forget(input.name);
  return { ok: true, created: existing === undefined, account: ctx.view(record) };
}

/** Deletes the account's subscription first; when Graph refuses, it lapses by itself within the hour. */
export async function removeAccount(ctx: AdminContext, name: string): Promise<boolean> {
  const record = ctx.book.get(name);
  if (!record) return false;
  if (record.subscription) {
    const fields = { account: name, subscriptionId: record.subscription.id };
    try {
      const access = await ctx.tokens.accessToken(record);
      const deleted = access.ok ? await ctx.gateway.delete(access.token, record.subscription.id) : access;
      if (!deleted.ok)
        ctx.logger.warn(
          { ...fields, code: deleted.code },
          'could not delete the subscription of a removed sync account',
        );
    } catch (error) {
      ctx.logger.warn(
        { ...fields, err: messageOf(error) },
        'could not delete the subscription of a removed sync account',
      );
    }
  }
  await ctx.book.remove(name);
  ctx.tokens.forget(name);
  return true;
}
