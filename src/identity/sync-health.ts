// GET /api/admin/health: per linked user the last sync event, its lag, whether a presence subscription or
// polling covers them, and their outbound backlog; tenant-wide the presence quota use and the outbox backlog.
import type { Decision } from '../domain/decision';
import type { OutboxBacklog } from '../ports/housekeeping.port';
import type { AgentSyncState, Link, Store } from '../ports/store.port';
import type { Clock } from '../ports/clock.port';

export interface QuotaUse {
  readonly used: number;
  readonly limit: number;
  readonly windowSeconds: number;
  /** >0 while Graph told us to back off. */
  readonly pausedForMs: number;
}

export interface HealthSources {
  readonly store: Store;
  readonly clock: Clock;
  /** Teams users a live presence subscription covers; the others are polled. */
  readonly covered: () => ReadonlySet<string>;
  readonly quota: () => QuotaUse;
  readonly backlog: () => Promise<OutboxBacklog>;
}

/** Users shown at most; the rest are counted. */
export const HEALTH_USERS_SHOWN = 1000;

/** How long after the change it answered the decision was made, in ms; null when unknown. */
function lagMs(decision: Decision | null, state: AgentSyncState | null): number | null {
  if (!decision || !state) return null;
  const source = decision.direction === 'cc-to-teams' ? state.ccStateAt : (state.teams?.observedAt ?? null);
  if (!source) return null;
  return Math.max(0, Date.parse(decision.at) - Date.parse(source));
}

async function userHealth(sources: HealthSources, link: Link, covered: ReadonlySet<string>, now: number) {
  const [state, decision, outbound] = await Promise.all([
    sources.store.getAgentState(link.agentId),
    sources.store.lastDecision(link.agentId),
    sources.store.outboundFor(link.agentId),
  ]);
  const pending = outbound.filter((o) => o.status === 'pending');
  const oldest = pending[0]?.createdAt ?? null;
  return {
    agentId: link.agentId,
    teamsUserId: link.teamsUserId,
    upn: link.upn ?? null,
    lastEvent: decision ? { at: decision.at, direction: decision.direction, reason: decision.reason } : null,
    lagMs: lagMs(decision, state),
    coverage: covered.has(link.teamsUserId) ? 'subscription' : 'polling',
    outbound: {
      pending: pending.length,
      parked: outbound.length - pending.length,
      oldestPendingAgeMs: oldest ? Math.max(0, now - Date.parse(oldest)) : null,
    },
  };
}

export async function syncHealth(sources: HealthSources) {
  const now = sources.clock.now();
  const links = await sources.store.listLinks();
  const covered = sources.covered();
  const shown = links.slice(0, HEALTH_USERS_SHOWN);
  const users = await Promise.all(shown.map((link) => userHealth(sources, link, covered, now)));
  const backlog = await sources.backlog();
  return {
    at: new Date(now).toISOString(),
    linkedUsers: links.length,
    users,
    ...(links.length > shown.length ? { truncated: links.length - shown.length } : {}),
    coverage: {
      subscription: users.filter((u) => u.coverage === 'subscription').length,
      polling: users.filter((u) => u.coverage === 'polling').length,
    },
    tenant: { presenceQuota: sources.quota(), outbound: backlog },
  };
}
