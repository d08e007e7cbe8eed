// POST /api/admin/mapping/dry-run: what Teams would show for each linked agent under a candidate profile,
// using the same rule the sync engine uses (decideCcToTeams), with nothing written or sent.
import { decideCcToTeams, NO_CHANGE, OWN_PRESENCE } from '../domain/cc-to-teams';
import { describePresence } from '../domain/presence';
import type { PresenceProfile } from '../domain/profile';
import type { AgentSyncState, Store } from '../ports/store.port';
import type { Clock } from '../ports/clock.port';

export interface DryRunRow {
  readonly agentId: string;
  readonly ccState: string | null;
  readonly teamsNow: string;
  readonly teamsWouldBe: string;
  /** True when the candidate profile would change what Teams shows. */
  readonly changes: boolean;
  readonly reason: string;
}

function teamsNow(state: AgentSyncState | null, now: number): string {
  const session = state?.session && Date.parse(state.session.expiresAt) > now ? state.session : null;
  if (session) return describePresence(session.presence);
  return OWN_PRESENCE;
}

export async function mappingDryRun(
  deps: { store: Store; clock: Clock },
  profile: PresenceProfile,
): Promise<DryRunRow[]> {
  const now = deps.clock.now();
  const rows: DryRunRow[] = [];
  for (const link of await deps.store.listLinks()) {
    const state = await deps.store.getAgentState(link.agentId);
    const shown = teamsNow(state, now);
    if (!state?.ccState) {
      const reason = 'No contact-center state yet: Teams keeps showing what it shows';
      rows.push({
        agentId: link.agentId,
        ccState: null,
        teamsNow: shown,
        teamsWouldBe: shown,
        changes: false,
        reason,
      });
      continue;
    }
    const decision = decideCcToTeams({
      profile,
      agentId: link.agentId,
      state: state.ccState,
      previousState: state.ccState,
      linked: true,
      session: state.session,
      hold: state.hold,
      now: new Date(now).toISOString(),
    });
    const wouldBe = decision.to === NO_CHANGE ? shown : decision.to;
    rows.push({
      agentId: link.agentId,
      ccState: state.ccState,
      teamsNow: shown,
      teamsWouldBe: wouldBe,
      changes: wouldBe !== shown,
      reason: decision.reason,
    });
  }
  return rows;
}
