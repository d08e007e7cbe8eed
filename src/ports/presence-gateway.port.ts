// The Teams presence side (Microsoft Graph). Adapters: src/adapters/graph (real Graph or the emulator over HTTP).
import type { TeamsUserId } from '../domain/ids';
import type { TeamsPresence } from '../domain/presence';

export interface ObservedPresence extends TeamsPresence {
  readonly userId: TeamsUserId;
  /** Graph's lexicographically sortable version stamp, when Graph sends one. */
  readonly sequenceNumber?: string;
}

/** Outcome of a presence write. Expected failures are values, not exceptions. */
export type PresenceWriteResult =
  | { readonly ok: true }
  /** Graph refused the request for good (e.g. 400 invalid pair, 403, 404 user): do not retry. */
  | {
      readonly ok: false;
      readonly retryable: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
    }
  /** Transient (network, 5xx, 429): the caller keeps the work and retries later. */
  | {
      readonly ok: false;
      readonly retryable: true;
      readonly status: number;
      readonly code: string;
      readonly message: string;
      /** Graph's Retry-After, in ms, when it sent one. */
      readonly retryAfterMs?: number;
    };

/** The `details` of the CodedError getPresences throws when Graph answered with an error status. */
export interface PresenceReadFailure {
  readonly status: number;
  readonly code: string;
  readonly retryAfterMs?: number;
}

export interface PresenceGateway {
  /** Sets our app's presence session for the user; expirationMinutes within Graph's 5..240. One HTTP attempt: 429/503 come back as retryable results. */
  setPresence(
    userId: TeamsUserId,
    presence: TeamsPresence,
    expirationMinutes: number,
  ): Promise<PresenceWriteResult>;
  /** Removes our app's session. A 404 (no session) counts as success: the goal state is reached. */
  clearPresence(userId: TeamsUserId): Promise<PresenceWriteResult>;
  /** Reads up to 650 users' aggregate presence in one request. Throws on failure (a CodedError whose details are a PresenceReadFailure when Graph answered). */
  getPresences(userIds: readonly TeamsUserId[]): Promise<ObservedPresence[]>;
}

/**
 * The richer presence calls (issue #10 part 3), a capability beside PresenceGateway: adapters that cannot make
 * them simply do not offer it. Every call is a presence write and counts against the tenant's presence quota.
 * Like PresenceGateway's writes: one HTTP attempt, expected failures as results, never throws.
 */
export interface RichPresenceGateway {
  /** Sets the user's Teams status message (text); Graph drops it by itself at expiresAt (ISO) when given. */
  setStatusMessage(userId: TeamsUserId, message: string, expiresAt?: string): Promise<PresenceWriteResult>;
  /** Removes the user's status message (Graph: an empty message). */
  clearStatusMessage(userId: TeamsUserId): Promise<PresenceWriteResult>;
  /** Sets the user's preferred presence (a setUserPreferredPresence pair) with Graph's default expiry. */
  setPreferredPresence(userId: TeamsUserId, presence: TeamsPresence): Promise<PresenceWriteResult>;
  /** Clears the user's preferred presence; Teams shows the aggregate of the sessions again. */
  clearPreferredPresence(userId: TeamsUserId): Promise<PresenceWriteResult>;
}
