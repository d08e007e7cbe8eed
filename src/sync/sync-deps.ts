import type { PresenceProfile } from '../domain/profile';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { PresenceGateway, RichPresenceGateway } from '../ports/presence-gateway.port';
import type { Store } from '../ports/store.port';
import type { ChangeTicket } from './budgeted-presence-gateway';

/** What the sync work needs; built once in the composition root. */
export interface SyncDeps {
  readonly store: Store;
  readonly gateway: PresenceGateway;
  /** The same Graph at a lower priority, for session refreshes (visible changes go first); default gateway. */
  readonly refreshGateway?: PresenceGateway;
  /** Status messages and preferred presence, budgeted like every presence write; absent: not applied. */
  readonly richGateway?: RichPresenceGateway;
  /** The same Graph for one visible change's write: newest first, skipped if superseded; default gateway. */
  readonly changeGateway?: (ticket: ChangeTicket) => PresenceGateway;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The active profile; it can change at run time (PUT /api/admin/mapping). */
  readonly profile: () => PresenceProfile;
  readonly sessionMinutes: number;
}

export const nowIso = (deps: Pick<SyncDeps, 'clock'>): string => new Date(deps.clock.now()).toISOString();
