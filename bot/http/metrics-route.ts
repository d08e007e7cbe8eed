// GET /metrics: Prometheus text format. With ADMIN_API_KEY set it requires `Authorization: Bearer
// <ADMIN_API_KEY>` (Prometheus: `authorization: {credentials: ...}`); without one it is open, as a local or
// private deployment expects. Labels carry no agent or user ids. Gauges that are a store query (outbox
// backlog) or a live value (presence quota) are sampled at scrape time.
import type { Next, Request, Response, Server } from 'restify';
import type { PromMetrics } from '../../src/adapters/metrics';
import type { Clock } from '../../src/ports/clock.port';
import type { StoreHousekeeping } from '../../src/ports/housekeeping.port';
import type { Metrics } from '../../src/ports/metrics.port';
import type { PresenceBudget } from '../../src/sync/presence-budget';
import type { Logger } from '../../src/ports/logger.port';
import { requireAdminKey } from './admin-auth';
import { sendError } from './http-errors';

export interface MetricsRouteDeps {
  readonly metrics: PromMetrics;
  readonly adminApiKey: string | null;
  /** Refreshes scrape-time gauges; a failure is logged and the scrape still answers with the rest. */
  readonly sample: () => Promise<void>;
  readonly logger: Logger;
}

export function mountMetrics(server: Server, deps: MetricsRouteDeps): void {
  const guard = deps.adminApiKey
    ? requireAdminKey(deps.adminApiKey)
    : (_req: Request, _res: Response, next: Next) => next();
  server.get('/metrics', guard, async (_req: Request, res: Response) => {
    try {
      await deps.sample();
    } catch (error) {
      deps.logger.warn({ err: String(error) }, 'metrics: sampling gauges failed');
    }
    try {
      const { contentType, text } = await deps.metrics.exposition();
      res.setHeader('content-type', contentType);
      res.sendRaw(200, text);
    } catch (error) {
      deps.logger.error({ err: String(error) }, 'metrics: exposition failed');
      sendError(res, 500, 'metrics_unavailable', 'Metrics could not be collected');
    }
  });
}

/** The scrape-time gauges: presence quota in use (writes see the whole quota) and the outbox backlog. */
export function gaugeSampler(
  metrics: Metrics,
  budget: PresenceBudget,
  store: StoreHousekeeping,
  clock: Clock,
): () => Promise<void> {
  return async () => {
    const { used, limit } = budget.usage();
    metrics.presenceQuota(used, limit);
    const backlog = await store.outboxBacklog();
    const oldest = backlog.oldestCreatedAt ? Date.parse(backlog.oldestCreatedAt) : clock.now();
    metrics.outboxBacklog(backlog.pending, Math.max(0, (clock.now() - oldest) / 1000));
  };
}
