// Chooses whether Switchboard watches Teams presence through change notifications: it needs a URL Graph can
// reach (PUBLIC_BASE_URL, or the loopback URL in local mode). Without one, polling covers every linked user.
import { EMULATOR_TENANT_ID } from '../src/adapters/graph-emulator';
import type { Config } from '../src/config';
import type { Clock } from '../src/ports/clock.port';
import type { DirectoryStore } from '../src/ports/directory-store.port';
import type { Logger } from '../src/ports/logger.port';
import type { Metrics } from '../src/ports/metrics.port';
import type { Store } from '../src/ports/store.port';
import type { GraphSetup } from './graph-setup';
import { setUpSubscriptions, type SubscriptionsSetup } from './subscriptions-setup';

export interface SubscriptionsContext {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  readonly graph: GraphSetup;
  /** The service's own loopback URL. */
  readonly url: string;
  /** The contacts directory: its Teams users fill the subscriptions' room after the linked users. */
  readonly directory?: Pick<DirectoryStore, 'teamsUserIds'>;
}

/** Up to `limit` of the directory's Teams user ids, in id order (a stable choice across passes). */
function directoryIds(directory: Pick<DirectoryStore, 'teamsUserIds'>) {
  return async (limit: number): Promise<string[]> => {
    const ids: string[] = [];
    let after: string | null = null;
    while (ids.length < limit) {
      const page = await directory.teamsUserIds(after, Math.min(1000, limit - ids.length));
      if (page.length === 0) break;
      ids.push(...page);
      after = page[page.length - 1] ?? null;
    }
    return ids;
  };
}

export function subscriptionsFor(config: Config, ctx: SubscriptionsContext): SubscriptionsSetup | null {
  const notificationBaseUrl = config.publicBaseUrl ?? (config.localGraph ? ctx.url : null);
  if (!notificationBaseUrl) {
    ctx.logger.warn({}, 'PUBLIC_BASE_URL is not set: no presence notifications, Teams presence is polled');
    return null;
  }
  return setUpSubscriptions({
    store: ctx.store,
    clock: ctx.clock,
    logger: ctx.logger,
    metrics: ctx.metrics,
    graphBaseUrl: ctx.graph.baseUrl,
    authorityHost: ctx.graph.emulator?.origin ?? config.azureAuthorityHost,
    tenantId: config.azure?.tenantId || EMULATOR_TENANT_ID,
    clientId: config.presenceSessionId,
    clientSecret: config.azure?.clientSecret || null,
    notificationBaseUrl,
    tokenKey: config.syncTokenKey,
    dataDir: config.dataDir,
    certFile: config.graphNotificationCertFile,
    keyFile: config.graphNotificationKeyFile,
    keysUrl: config.graphNotificationKeysUrl,
    ...(ctx.directory ? { otherUsers: directoryIds(ctx.directory) } : {}),
  });
}
