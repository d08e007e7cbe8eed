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

/** Makes `call` only while the lease holds; a write that was not made because it ran out is a retry. */
async function held(lease: RunLease, call: () => Promise<PresenceWriteResult>): Promise<PresenceWriteResult> {
  if (!lease()) return lost;
  const result = await call();
  return !result.ok && !lease() ? lost : result;
}

function leasedGateway(gateway: PresenceGateway, lease: RunLease): PresenceGateway {
  return {
    setPresence: (user, presence, minutes) => held(lease, () => gateway.setPresence(user, presence, minutes)),
    clearPresence: (user) => held(lease, () => gateway.clearPresence(user)),
    getPresences: (ids) => gateway.getPresences(ids),
  };
}

function leasedRich(rich: RichPresenceGateway, lease: RunLease): RichPresenceGateway {
  return {
    setStatusMessage: (u, m, e) => held(lease, () => rich.setStatusMessage(u, m, e)),
    clearStatusMessage: (u) => held(lease, () => rich.clearStatusMessage(u)),
    setPreferredPresence: (u, p) => held(lease, () => rich.setPreferredPresence(u, p)),
    clearPreferredPresence: (u) => held(lease, () => rich.clearPreferredPresence(u)),
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
    // A write that waited for its slot asks its ticket once more when granted: once the lease is lost it is
    // not sent (and `held` turns the skip into a retry, so this run commits nothing from its stale plan).
    ...(changeGateway && {
      changeGateway: (ticket: ChangeTicket) =>
        leasedGateway(
          changeGateway({ ...ticket, superseded: async () => (await ticket.superseded()) || !lease() }),
          lease,
        ),
    }),
  };
}
