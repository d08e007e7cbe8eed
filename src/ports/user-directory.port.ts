// The tenant's user directory (Microsoft Entra users through Graph /users). Adapters: src/adapters/graph
// (real Graph or the emulator over HTTP). None of these calls counts against the presence quota.
import type { TeamsUserId } from '../domain/ids';

/** One Entra user as the directory and identity matching need it. */
export interface DirectoryUser {
  readonly id: TeamsUserId;
  readonly userPrincipalName: string;
  readonly displayName: string;
  /** The primary SMTP address; often equal to the UPN, sometimes absent (no mailbox). */
  readonly mail?: string;
  readonly jobTitle?: string;
}

/** One page of users; `next` is an opaque cursor (Graph's nextLink) for the following page, absent at the end. */
export interface UserPage {
  readonly users: readonly DirectoryUser[];
  readonly next?: string;
}

/**
 * One page of changes. While `next` is set there is more of this round; the last page carries `deltaLink`
 * instead, which the caller keeps and passes to the next round to get only what changed since.
 */
export interface UserDeltaPage {
  /** Users added or changed (the whole user as Graph holds it now). */
  readonly changed: readonly DirectoryUser[];
  /** Ids of users deleted (or gone from what the app may see). */
  readonly removed: readonly TeamsUserId[];
  readonly next?: string;
  readonly deltaLink?: string;
}

export interface UserDirectory {
  /** The user with this Entra object id or UPN; null when there is none. Throws a CodedError on other failures. */
  getUser(idOrUpn: string): Promise<DirectoryUser | null>;
  /** Users whose mail or UPN equals `address` case-insensitively (at most a handful); [] when none. Throws on failure. */
  findByAddress(address: string): Promise<DirectoryUser[]>;
  /** A page of all users (first page without `cursor`, then pass the previous page's `next`). Throws on failure; never skips users. */
  listUsers(cursor?: string): Promise<UserPage>;
  /**
   * A page of changes: without `link`, a full round (every user reported as changed); with a `next` or
   * `deltaLink` from an earlier page, that page. Throws a CodedError on failure, code `user_delta_expired`
   * when Graph no longer knows the deltaLink (start a full round again).
   */
  delta(link?: string): Promise<UserDeltaPage>;
}
