// What the identity core needs; built once in the composition root.
import type { AgentId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { IdentityStore } from '../ports/identity-store.port';
import type { Logger } from '../ports/logger.port';
import type { Store } from '../ports/store.port';
import type { UserDirectory } from '../ports/user-directory.port';

/** Link changes go through the sync engine: serialised with the agent's work, then synced. */
export interface LinkEffects {
  exclusive<T>(agentId: AgentId, fn: () => Promise<T>): Promise<T>;
  kick(agentId: AgentId): void;
  /** Links were added or removed (presence subscriptions follow them). */
  linksChanged(): void;
  /** Something was queued for the contact center: deliver it now rather than at the next poll. */
  outboundQueued(): void;
}

export interface IdentityDeps {
  readonly store: Store;
  readonly identity: IdentityStore;
  /** The tenant's users, for automatic linking and imports by UPN. */
  readonly users: UserDirectory;
  readonly effects: LinkEffects;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A new unique id (outbound message ids). */
  readonly newId: () => string;
  /** A new one-time code; default link-codes newCode. */
  readonly newCode?: () => string;
}

export const isoNow = (deps: Pick<IdentityDeps, 'clock'>, plusMs = 0): string =>
  new Date(deps.clock.now() + plusMs).toISOString();

/** An expected refusal, with a stable code the HTTP edge maps to a status. */
export interface Refusal {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

export const refuse = (code: string, message: string, details?: unknown): Refusal =>
  details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
