// Durable identity state: self-service link requests (hashed one-time codes, attempts), the conflicts
// automatic linking and imports found for admins, and atomic link changes. Adapters: src/adapters/sqlite and
// src/adapters/postgres (identity-store.ts), both held to test/identity/identity-store.contract.ts. It shares
// the Store's database, so a link made here is the Store's link; every method is one transaction.
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { Link, OutboundMessage } from './store.port';

/** One Teams user's pending request to be linked to an agent; at most one per Teams user. */
export interface LinkRequest {
  readonly teamsUserId: TeamsUserId;
  readonly agentId: AgentId;
  readonly upn?: string;
  /** Hex SHA-256 of the code; the code itself is never stored here. */
  readonly codeHash: string;
  readonly expiresAt: string;
  /** Codes tried against this request so far (each counted before it is compared). */
  readonly attempts: number;
  readonly createdAt: string;
}

/** What taking one attempt at a request found. */
export type AttemptClaim =
  | { readonly kind: 'none' }
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'claimed'; readonly request: LinkRequest };

export type ConflictSource = 'auto' | 'import';

/** A link we did not make because one side was linked to someone else; shown to admins. */
export interface LinkConflict {
  readonly agentId: AgentId;
  readonly teamsUserId: TeamsUserId | null;
  readonly source: ConflictSource;
  readonly reason: string;
  readonly detectedAt: string;
}

/** One row of a planned bulk change: `before` is the agent's Teams user when the plan was made. */
export interface PlannedLink {
  readonly link: Link;
  readonly before: TeamsUserId | null;
}

export interface IdentityStore {
  /**
   * Replaces the Teams user's request (resetting attempts) and queues `outbound` (the link.verification) in
   * the same transaction. Counts requests per Teams user since `windowStart`; returns that count including this
   * one, or 'rate_limited' (storing nothing) when `maxPerWindow` were already made since then.
   */
  putLinkRequest(
    request: LinkRequest,
    outbound: OutboundMessage,
    limit: { readonly windowStart: string; readonly maxPerWindow: number },
  ): Promise<number | 'rate_limited'>;
  /** The live (not withdrawn) request, expired or not; null when none. */
  getLinkRequest(teamsUserId: TeamsUserId): Promise<LinkRequest | null>;
  /**
   * Counts one attempt before the caller compares the code, so parallel guesses cannot exceed the limit:
   * 'claimed' with the request as counted; 'exhausted' once `maxAttempts` were taken; 'none' without a request.
   */
  takeAttempt(teamsUserId: TeamsUserId, maxAttempts: number): Promise<AttemptClaim>;
  /**
   * Voids the request so no code matches it any more; its rate-limit window is kept, so withdrawing and asking
   * again cannot reset the limit. False when there was no live request.
   */
  withdrawLinkRequest(teamsUserId: TeamsUserId): Promise<boolean>;
  /**
   * Deletes the request whose code hash is `codeHash` and makes `link`, atomically. Throws, changing nothing:
   * CodedError('link_conflict') when the agent or the Teams user is linked to someone else;
   * CodedError('request_replaced') when the request is gone or has another code.
   */
  completeLinkRequest(codeHash: string, link: Link): Promise<'created' | 'unchanged'>;

  /** Makes `link` only if neither side is linked to someone else; the link or the conflict that stopped it. */
  linkIfFree(link: Link): Promise<'created' | 'unchanged' | 'conflict'>;
  /** Applies every planned link in one transaction. Throws CodedError('links_changed'), applying nothing, when
   * an agent's Teams user is no longer `before`, or CodedError('link_conflict') when a Teams user is taken. */
  applyLinks(planned: readonly PlannedLink[]): Promise<void>;

  /** Records (or refreshes detectedAt of) a conflict, one per agent, Teams user and source. */
  recordConflict(conflict: LinkConflict): Promise<void>;
  /** Newest first. */
  listConflicts(limit: number): Promise<LinkConflict[]>;
  /** Removes the agent's recorded conflicts (when it gets linked or removed). */
  clearConflicts(agentId: AgentId): Promise<void>;

  /** The email automatic linking last checked for the agent, or null. */
  autoLinkChecked(agentId: AgentId): Promise<string | null>;
  markAutoLinkChecked(agentId: AgentId, email: string, at: string): Promise<void>;

  /**
   * A value that changes whenever what the tab shows of the agent may have changed (its sync state, decisions,
   * link, outbox); cheap, for change polling by several instances. Null for an unknown agent.
   */
  agentVersion(agentId: AgentId): Promise<string | null>;
}
