// Operational counters and gauges, named by intent so the core never sees a metrics library. The adapter is
// src/adapters/metrics (prom-client); noMetrics does nothing. Every method is cheap and never throws.
import type { Direction } from '../domain/decision';
import type { InboxOutcome } from './store.port';

/** Where an inbox event came from: the contact center's webhook or Teams (notifications, polling). */
export type EventSource = 'cc' | 'teams';

/** The Graph calls we make, by what they do (the presence quota covers the first three). */
export type GraphCallKind =
  'setPresence' | 'clearPresence' | 'getPresencesByUserId' | 'subscriptions' | 'other';

/** One HTTP attempt's result; `throttled` is a 429. */
export type GraphCallOutcome = 'ok' | 'throttled' | 'client_error' | 'server_error' | 'no_response';

export interface Metrics {
  /** Events newly stored in the durable inbox. */
  eventsAccepted(source: EventSource, count: number): void;
  /** Events whose id was already stored (not applied again). */
  eventsDuplicate(source: EventSource, count: number): void;
  /** An HTTP request answered 4xx/5xx: route pattern (or "unmatched"), status and the body's error code. */
  requestRejected(route: string, status: number, code: string): void;
  /** A stored inbox event reached its final outcome. */
  eventSettled(outcome: InboxOutcome): void;
  /** One sync decision; outcome is what it does (setPresence, clearPresence, requestState, none). */
  decision(direction: Direction, outcome: string): void;
  /** Accept → applied time of one event, in seconds. */
  eventLag(direction: Direction, seconds: number): void;
  /** One HTTP attempt to Graph (SDK retries are attempts of their own). */
  graphCall(kind: GraphCallKind, outcome: GraphCallOutcome): void;
  /** Presence requests counted in the current 30 s window, and the window's limit. */
  presenceQuota(inUse: number, limit: number): void;
  /** Undelivered (pending) outbox messages and the age of the oldest, in seconds (0 when none). */
  outboxBacklog(pending: number, oldestAgeSeconds: number): void;
}

export const noMetrics: Metrics = {
  eventsAccepted() {},
  eventsDuplicate() {},
  requestRejected() {},
  eventSettled() {},
  decision() {},
  eventLag() {},
  graphCall() {},
  presenceQuota() {},
  outboxBacklog() {},
};
