// A Store that counts what passes through it: events accepted and duplicated, outcomes, decisions and the
// accept → applied lag, and logs each event's outcome under its id (the correlation id that the ingest log
// line names too). Counting at the store is the one place every path goes through (webhook, notifications,
// polling), so no caller has to remember. Every other method is forwarded untouched by a Proxy, so methods
// added to the Store port later are forwarded without edits here.
import type { Direction } from '../domain/decision';
import type { InboxEvent } from '../domain/events';
import type { AgentId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { EventSource, Metrics } from '../ports/metrics.port';
import type { AcceptResult, Commit, CommitResult, Store, StoredInboxEvent } from '../ports/store.port';

/** Pending events remembered for their lag; more than this many unsettled ones are forgotten oldest first. */
export const MAX_TRACKED_EVENTS = 10_000;

interface Tracked {
  readonly receivedAtMs: number;
  readonly direction: Direction;
  readonly agentId: AgentId;
}

const directionOf = (event: InboxEvent): Direction =>
  event.type === 'teams.presence' ? 'teams-to-cc' : 'cc-to-teams';
const sourceOf = (events: readonly InboxEvent[]): EventSource =>
  events.every((e) => e.type === 'teams.presence') ? 'teams' : 'cc';

export function instrumentedStore(store: Store, metrics: Metrics, clock: Clock, logger: Logger): Store {
  const tracked = new Map<string, Tracked>();

  const remember = (stored: readonly StoredInboxEvent[]): void => {
    for (const { event, receivedAt } of stored) {
      tracked.delete(event.id);
      tracked.set(event.id, {
        receivedAtMs: Date.parse(receivedAt),
        direction: directionOf(event),
        agentId: event.agentId,
      });
    }
    for (const id of tracked.keys()) {
      if (tracked.size <= MAX_TRACKED_EVENTS) break;
      tracked.delete(id);
    }
  };

  const counted: Pick<Store, 'acceptEvents' | 'pendingEvents' | 'commit'> = {
    async acceptEvents(events: readonly InboxEvent[], receivedAt: string): Promise<AcceptResult> {
      const result = await store.acceptEvents(events, receivedAt);
      const source = sourceOf(events);
      if (result.accepted > 0) metrics.eventsAccepted(source, result.accepted);
      if (result.duplicates > 0) metrics.eventsDuplicate(source, result.duplicates);
      return result;
    },
    async pendingEvents(agentId: AgentId): Promise<StoredInboxEvent[]> {
      const pending = await store.pendingEvents(agentId);
      remember(pending);
      return pending;
    },
    async commit(commit: Commit): Promise<CommitResult> {
      const result = await store.commit(commit);
      if (result.stateConflicts.length > 0) return result;
      for (const { id, outcome } of commit.eventOutcomes ?? []) {
        metrics.eventSettled(outcome);
        const seen = tracked.get(id);
        tracked.delete(id);
        const lagMs = seen ? clock.now() - seen.receivedAtMs : undefined;
        if (seen && lagMs !== undefined && outcome === 'applied')
          metrics.eventLag(seen.direction, lagMs / 1000);
        logger.debug({ eventId: id, agentId: seen?.agentId, outcome, lagMs }, 'event settled');
      }
      for (const d of commit.decisions ?? []) metrics.decision(d.direction, d.action.kind);
      return result;
    },
  };

  return new Proxy(store, {
    get(target, name) {
      if (typeof name === 'string' && Object.hasOwn(counted, name)) {
        return counted[name as keyof typeof counted];
      }
      const value: unknown = Reflect.get(target, name);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
