// The contact center's people in the directory follow the Store's agent records (agent.upsert / agent.remove):
// after every agent run the directory entry is made to match the record, so a crash between the two writes
// is mended by the agent's next run, and at start-up every agent is mirrored once.
import { agentKinds } from './contact';
import type { AgentId } from '../domain/ids';
import type { DirectoryStore } from '../ports/directory-store.port';
import type { AgentRecord, Store } from '../ports/store.port';

const toDirectoryAgent = (record: AgentRecord) => ({
  agentId: record.agentId,
  email: record.email,
  displayName: record.displayName,
  ...(record.jobTitle ? { jobTitle: record.jobTitle } : {}),
  identities: agentKinds(record.identities),
});

/** An engine step: the agent's directory entry as the Store now holds the agent. */
export async function mirrorAgent(store: Store, directory: DirectoryStore, agentId: AgentId): Promise<void> {
  const record = await store.getAgent(agentId);
  if (record) await directory.putAgent(toDirectoryAgent(record));
  else await directory.removeAgent(agentId);
}

/** mirrorAgent as a SyncEngine step: a failure keeps the agent's run for a retry, never loses the change. */
export function mirrorStep(store: Store, directory: DirectoryStore) {
  return async (agentId: AgentId): Promise<{ retry: string } | null> => {
    try {
      await mirrorAgent(store, directory, agentId);
      return null;
    } catch (error) {
      return { retry: `directory: ${error instanceof Error ? error.message : String(error)}` };
    }
  };
}

/** Every agent the Store knows, into the directory (start-up). */
export async function mirrorAllAgents(store: Store, directory: DirectoryStore): Promise<number> {
  const records = await store.listAgents();
  for (const record of records) await directory.putAgent(toDirectoryAgent(record));
  return records.length;
}
