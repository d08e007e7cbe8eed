// A run's hold on its agent (issue 13): a run started while this instance owned the agent's shard may stall
// (a database outage, a long wait) while the shard passes to another instance and back. Its plan is then
// stale, and a Graph write made from it would land after the newer owner's and show an older state. Every
// presence write of the run goes through its lease: once the shard was lost since the run began, the write
// is not made and the run ends as a retry (the current owner reads the work from the store).
import type {
  PresenceGateway,
  PresenceWriteResult,
  RichPresenceGateway,
} from '../ports/presence-gateway.port';
import type { ChangeTicket } from './budgeted-presence-gateway';
import type { SyncDeps } from './sync-deps';

/** True while the run's shard has been held without a break since the run began. */
export type RunLease = () => boolean;

export const LEASE_LOST = 'shard_lease_lost';

const lost: PresenceWriteResult = {
  ok: false,
  retryable: true,
  status: 0,
  code: LEASE_LOST,
  message: "this instance gave up the agent's shard during the run",
};

function leasedGateway(gateway: PresenceGateway, lease: RunLease): PresenceGateway {
  return {
    setPresence: (user, presence, minutes) =>
      lease() ? gateway.setPresence(user, presence, minutes) : Promise.resolve(lost),
    clearPresence: (user) => (lease() ? gateway.clearPresence(user) : Promise.resolve(lost)),
    getPresences: (ids) => gateway.getPresences(ids),
  };
}

function leasedRich(rich: RichPresenceGateway, lease: RunLease): RichPresenceGateway {
  const held =
    <A extends unknown[]>(call: (...args: A) => Promise<PresenceWriteResult>) =>
    (...args: A) =>
      lease() ? call(...args) : Promise.resolve(lost);
  return {
    setStatusMessage: held((u, m, e) => rich.setStatusMessage(u, m, e)),
    clearStatusMessage: held((u) => rich.clearStatusMessage(u)),
    setPreferredPresence: held((u, p) => rich.setPreferredPresence(u, p)),
    clearPreferredPresence: held((u) => rich.clearPreferredPresence(u)),
  };
}

/** The sync dependencies for one run whose every presence write first checks the lease. */
export function underLease(deps: SyncDeps, lease: RunLease): SyncDeps {
  const { refreshGateway, richGateway, changeGateway } = deps;
  return {
    ...deps,
    gateway: leasedGateway(deps.gateway, lease),
    ...(refreshGateway && { refreshGateway: leasedGateway(refreshGateway, lease) }),
    ...(richGateway && { richGateway: leasedRich(richGateway, lease) }),
    // A write that waited for its slot asks its ticket once more when granted: a lost lease makes it moot.
    ...(changeGateway && {
      changeGateway: (ticket: ChangeTicket) =>
        leasedGateway(
          changeGateway({ ...ticket, superseded: async () => (await ticket.superseded()) || !lease() }),
          lease,
        ),
    }),
  };
}
