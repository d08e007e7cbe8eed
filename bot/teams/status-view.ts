// What the bot's status answer shows a Teams user: their linked agent, its contact-center state, their
// Teams presence as Switchboard sees it, and the last sync decision with its reason.
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import { agentStatus } from '../../src/sync/agent-status';
import type { SyncDeps } from '../../src/sync/sync-deps';

export interface AgentStatusView {
  readonly agentId: string;
  readonly ccState: string;
  readonly teams: string;
  readonly lastDecision: string | null;
}

/** Null when the user is not linked to an agent. */
export async function statusView(sync: SyncDeps, user: TeamsUserId): Promise<AgentStatusView | null> {
  const link = await sync.store.getLinkByTeamsUser(teamsUserId(user.toLowerCase()));
  if (!link) return null;
  const status = await agentStatus(sync, link.agentId);
  return {
    agentId: link.agentId,
    ccState: status?.ccState ?? 'unknown',
    teams: status?.teams ? `${status.teams.availability}/${status.teams.activity}` : 'unknown',
    lastDecision: status?.lastDecision?.reason ?? null,
  };
}
