// Linking an agent to a Teams user, serialised with the agent's sync work. When the Teams user changes or the
// link goes, our presence session (and status message, preferred presence) on the old user is cleared first
// so nothing keeps showing there.
import { agentId as toAgentId, type AgentId } from '../domain/ids';
import type { AgentSyncState, Link } from '../ports/store.port';
import type { SyncDeps } from './sync-deps';
import type { SyncEngine } from './sync-engine';

/** Commits tried at most when another instance keeps committing the agent's state in between. */
const CLEAR_TRIES = 3;

async function clearOldSession(deps: SyncDeps, agentId: AgentId, keepUser: string | null): Promise<void> {
  const [link, state] = await Promise.all([
    deps.store.getLinkByAgent(agentId),
    deps.store.getAgentState(agentId),
  ]);
  if (!link || !state || link.teamsUserId === keepUser || (!state.session && !state.rich)) return;
  const results = [
    state.session ? await deps.gateway.clearPresence(link.teamsUserId) : null,
    // The old user keeps no status message or preferred presence of ours either (issue 10).
    state.rich?.statusMessage ? await deps.richGateway?.clearStatusMessage(link.teamsUserId) : null,
    state.rich?.preferredPresence ? await deps.richGateway?.clearPreferredPresence(link.teamsUserId) : null,
  ];
  for (const result of results) {
    if (result && !result.ok)
      deps.logger.warn({ agentId, code: result.code }, 'could not clear the old Teams user session');
  }
  // The owner of the agent's shard may commit its state meanwhile (a link change runs where it is asked):
  // a stale commit is refused, so read again and retry.
  let current: AgentSyncState | null = state;
  for (let tries = 0; (current?.session || current?.rich) && tries < CLEAR_TRIES; tries += 1) {
    const committed = await deps.store.commit({ agentStates: [{ ...current, session: null, rich: null }] });
    if (committed.stateConflicts.length === 0) return;
    current = await deps.store.getAgentState(agentId);
  }
  if (current?.session || current?.rich)
    deps.logger.warn({ agentId }, 'old Teams user session kept in the state: conflicts');
}

export async function linkAgent(
  deps: SyncDeps,
  engine: SyncEngine,
  link: Link,
): Promise<'created' | 'updated'> {
  try {
    return await engine.exclusive(link.agentId, async () => {
      await clearOldSession(deps, link.agentId, link.teamsUserId);
      return deps.store.putLink(link);
    });
  } finally {
    engine.kick(link.agentId);
  }
}

export async function unlinkAgent(deps: SyncDeps, engine: SyncEngine, agentId: string): Promise<boolean> {
  const id = toAgentId(agentId);
  return engine.exclusive(id, async () => {
    await clearOldSession(deps, id, null);
    return deps.store.deleteLink(id);
  });
}
