// The Metrics port on prom-client, in a registry of its own (several services may share one process in
// tests) with the process's default metrics. Names follow Prometheus conventions: `_total` counters,
// `_seconds` units. No label holds an agent or user id, so the series count stays small.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Direction } from '../../domain/decision';
import type { EventSource, GraphCallKind, GraphCallOutcome, Metrics } from '../../ports/metrics.port';
import type { InboxOutcome } from '../../ports/store.port';

// Accept → applied lag: from sub-second (a direct webhook) to minutes (Graph throttling, retries).
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

export class PromMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly accepted = this.counter('switchboard_events_accepted_total', 'Events stored', ['source']);
  private readonly duplicates = this.counter(
    'switchboard_events_duplicate_total',
    'Events whose id was already stored',
    ['source'],
  );
  private readonly rejected = this.counter('switchboard_http_rejected_total', 'Requests answered 4xx/5xx', [
    'route',
    'status',
    'code',
  ]);
  private readonly settled = this.counter(
    'switchboard_events_settled_total',
    'Events that reached a final outcome',
    ['outcome'],
  );
  private readonly decisions = this.counter('switchboard_decisions_total', 'Sync decisions', [
    'direction',
    'outcome',
  ]);
  private readonly graph = this.counter('switchboard_graph_requests_total', 'Graph HTTP attempts', [
    'kind',
    'outcome',
  ]);
  private readonly lag = new Histogram({
    name: 'switchboard_event_lag_seconds',
    help: 'Time from an event being accepted to it being applied',
    labelNames: ['direction'],
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });
  private readonly quotaInUse = this.gauge(
    'switchboard_presence_quota_in_use',
    'Presence requests in the window',
  );
  private readonly quotaLimit = this.gauge(
    'switchboard_presence_quota_limit',
    'Presence requests allowed per window: the quota trusted now (this instance share, lower after a 429)',
  );
  private readonly backlog = this.gauge('switchboard_outbox_pending', 'Undelivered outbox messages');
  private readonly backlogAge = this.gauge(
    'switchboard_outbox_oldest_age_seconds',
    'Age of the oldest undelivered outbox message',
  );

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  eventsAccepted(source: EventSource, count: number): void {
    this.accepted.inc({ source }, count);
  }
  eventsDuplicate(source: EventSource, count: number): void {
    this.duplicates.inc({ source }, count);
  }
  requestRejected(route: string, status: number, code: string): void {
    this.rejected.inc({ route, status: String(status), code });
  }
  eventSettled(outcome: InboxOutcome): void {
    this.settled.inc({ outcome });
  }
  decision(direction: Direction, outcome: string): void {
    this.decisions.inc({ direction, outcome });
  }
  eventLag(direction: Direction, seconds: number): void {
    this.lag.observe({ direction }, Math.max(0, seconds));
  }
  graphCall(kind: GraphCallKind, outcome: GraphCallOutcome): void {
    this.graph.inc({ kind, outcome });
  }
  presenceQuota(inUse: number, limit: number): void {
    this.quotaInUse.set(inUse);
    this.quotaLimit.set(limit);
  }
  outboxBacklog(pending: number, oldestAgeSeconds: number): void {
    this.backlog.set(pending);
    this.backlogAge.set(oldestAgeSeconds);
  }

  /** The text exposition format, and its content type. */
  async exposition(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }
  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name, help, registers: [this.registry] });
  }
}
