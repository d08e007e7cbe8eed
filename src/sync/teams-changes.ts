// Teams presence changes (from notifications or polling) enter the same durable inbox as contact-center
// events, as `teams.presence` work for the linked agent, so they are serialised with the agent's other work.
import type { TeamsPresenceWork } from '../domain/events';
import { ccEventId, teamsUserId, type AgentId } from '../domain/ids';
import type { Store } from '../ports/store.port';

export interface TeamsChange {
  readonly teamsUserId: string;
  /** Absent for a basic notification: the presence is read when the work runs. */
  readonly presence?: {
    readonly availability: string;
    readonly activity: string;
    readonly sequenceNumber?: string;
  };
}

/** Stores the changes of linked users durably and returns the agents to kick; unlinked users are skipped. */
export async function acceptTeamsChanges(
  store: Store,
  changes: readonly TeamsChange[],
  now: string,
  newId: () => string,
): Promise<readonly AgentId[]> {
  const work: TeamsPresenceWork[] = [];
  for (const change of changes) {
    const link = await store.getLinkByTeamsUser(teamsUserId(change.teamsUserId.toLowerCase()));
    if (!link) continue;
    const presence = change.presence ? { presence: change.presence } : {};
    work.push({
      id: ccEventId(`teams:${newId()}`),
      type: 'teams.presence',
      occurredAt: now,
      agentId: link.agentId,
      ...presence,
    });
  }
  if (work.length === 0) return [];
  return (await store.acceptEvents(work, now)).agents;
}
