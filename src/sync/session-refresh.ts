// When a held presence session is refreshed: before it expires, each agent at its own stable jittered lead,
// so sessions set in one burst are not refreshed in one burst.
import type { AgentSyncState } from '../ports/store.port';
import type { SyncDeps } from './sync-deps';

/** Refresh a held session when less than this remains, plus the agent's share of the spread below. */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** Sessions set in one burst would expire in one burst: each agent refreshes up to this much earlier. */
export const REFRESH_SPREAD_MAX_MS = 5 * 60_000;

/** A stable share in [0, 1) per agent (FNV-1a, then murmur3's finaliser so similar ids spread evenly). */
function jitterShare(agentId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < agentId.length; i++) hash = Math.imul(hash ^ agentId.charCodeAt(i), 0x01000193);
  hash = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return ((hash ^ (hash >>> 16)) >>> 0) / 2 ** 32;
}

/**
 * How long before expiry this agent's session is refreshed: the margin plus its jitter. The spread is a quarter
 * of what the session has beyond twice the margin, so short sessions (10 min) are not refreshed more often.
 */
export function refreshLeadMs(agentId: string, sessionMinutes: number): number {
  const room = Math.max(0, sessionMinutes * 60_000 - 2 * REFRESH_MARGIN_MS);
  const spread = Math.min(REFRESH_SPREAD_MAX_MS, room / 4);
  return REFRESH_MARGIN_MS + Math.floor(jitterShare(agentId) * spread);
}

/** Whether the keeper should run this agent now: its session is inside its refresh lead, or lapsed. */
export function refreshDue(deps: Pick<SyncDeps, 'clock' | 'sessionMinutes'>, state: AgentSyncState): boolean {
  if (!state.session) return false;
  const left = Date.parse(state.session.expiresAt) - deps.clock.now();
  return left < refreshLeadMs(state.agentId, deps.sessionMinutes);
}
