// Every accepted event reaches a final outcome: an event whose type no step of the
// sync engine handles is settled as failed with a reason, instead of staying pending and being re-read on
// every run and re-kicked at every start.
import type { AgentId } from '../domain/ids';
import type { EventOutcome } from '../ports/store.port';
import type { SyncDeps } from './sync-deps';

/** Why an event of a type without a handler failed, as stored with its outcome. */
export function unhandledReason(type: string): string {
  // The chat relay plugs in as a step handling chat.*; until it does, say so rather than "no handler".
  return type.startsWith('chat.') ? 'chat_relay_unavailable' : 'no_handler';
}

/** Settles the agent's pending events whose type is not in `handled` as failed. */
export async function settleUnhandled(
  deps: Pick<SyncDeps, 'store' | 'logger'>,
  agentId: AgentId,
  handled: ReadonlySet<string>,
): Promise<number> {
  const unhandled = (await deps.store.pendingEvents(agentId)).filter((e) => !handled.has(e.event.type));
  if (unhandled.length === 0) return 0;
  const outcomes: EventOutcome[] = unhandled.map(({ event }) => ({
    id: event.id,
    outcome: 'failed',
    reason: unhandledReason(event.type),
  }));
  await deps.store.commit({ eventOutcomes: outcomes });
  const types = [...new Set(unhandled.map((e) => e.event.type))];
  deps.logger.warn({ agentId, count: outcomes.length, types }, 'events with no handler settled as failed');
  return outcomes.length;
}
