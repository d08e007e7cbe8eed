// Thrown inside a store transaction to roll it back when a state's version is stale; the store turns it into
// the commit's result (Store.commit: a conflict is an outcome, not an error), so it never leaves the adapter.
import type { AgentId } from '../domain/ids';

export class StateConflict extends Error {
  constructor(readonly agentId: AgentId) {
    super(`state of ${agentId} changed since it was read`);
  }
}
