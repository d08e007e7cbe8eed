// Builds presence change notifications through sync accounts: token encryption at rest, the Entra refresh
// token grant, the Graph subscription gateway, the optional rich-notification certificate and the manager,
// plus the HTTP routes (Graph's notification and lifecycle URLs, the sync-accounts admin API).
import { readFileSync } from 'node:fs';
import type { Server } from 'restify';
import { refreshTokenGrant } from '../src/adapters/entra';
import { GraphSubscriptionGateway } from '../src/adapters/graph/graph-subscriptions';
import {
  loadNotificationCertificate,
  type NotificationCertificate,
} from '../src/adapters/graph/notification-decryptor';
import { validationTokenVerifier } from '../src/adapters/graph/validation-tokens';
import { aesGcmSecretBox, loadTokenKey } from '../src/adapters/secret-box';
import { CodedError } from '../src/domain/errors';
import type { Clock } from '../src/ports/clock.port';
import type { Logger } from '../src/ports/logger.port';
import type { Metrics } from '../src/ports/metrics.port';
import type { Store } from '../src/ports/store.port';
import type { ValidationTokenVerifier } from '../src/subscriptions/notification-items';
import type { PresenceChangeSink } from '../src/subscriptions/presence-change';
import { SubscriptionManager } from '../src/subscriptions/subscription-manager';
import type { ManagerTuning } from '../src/subscriptions/wake-schedule';
import {
  LIFECYCLE_PATH,
  NOTIFICATIONS_PATH,
  mountGraphNotifications,
  type NotificationStats,
} from './http/graph-notifications-route';
import { mountSyncAccounts } from './http/sync-accounts-routes';

export interface SubscriptionsSetupOptions {
  readonly store: Pick<Store, 'getSetting' | 'putSetting' | 'listLinks'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** GRAPH_BASE_URL (with version). */
  readonly graphBaseUrl: string;
  /** Entra's host (https://login.microsoftonline.com) or, in local mode, the emulator's origin. */
  readonly authorityHost: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret?: string | null;
  /** Public https origin of this service as Graph reaches it; in local mode its loopback URL. */
  readonly notificationBaseUrl: string;
  /** SYNC_TOKEN_KEY (base64 of 32 bytes); null: generated once under dataDir. */
  readonly tokenKey: string | null;
  readonly dataDir: string;
  /** GRAPH_NOTIFICATION_CERT_FILE / GRAPH_NOTIFICATION_KEY_FILE (PEM): rich notifications when both are set. */
  readonly certFile?: string | null;
  readonly keyFile?: string | null;
  /** GRAPH_NOTIFICATION_KEYS_URL; default the authority's `/common/discovery/keys` (Entra, or the emulator). */
  readonly keysUrl?: string | null;
  readonly tuning?: Partial<ManagerTuning>;
  /** Directory people to watch in the room linked users leave (SubscriptionManagerDeps.otherUsers). */
  readonly otherUsers?: (limit: number) => Promise<readonly string[]>;
}

export interface SubscriptionsSetup {
  readonly manager: SubscriptionManager;
  /** True when notifications carry encrypted presence (a certificate is configured). */
  readonly richNotifications: boolean;
  mountRoutes(
    server: Server,
    options: { readonly sink: PresenceChangeSink; readonly adminApiKey: string | null },
  ): { notificationStats(): NotificationStats };
}

function certificateOf(options: SubscriptionsSetupOptions): NotificationCertificate | null {
  const { certFile, keyFile } = options;
  if (!certFile && !keyFile) return null;
  if (!certFile || !keyFile) {
    throw new CodedError(
      'invalid_config',
      'GRAPH_NOTIFICATION_CERT_FILE and GRAPH_NOTIFICATION_KEY_FILE go together',
    );
  }
  return loadNotificationCertificate(readFileSync(certFile, 'utf8'), readFileSync(keyFile, 'utf8'));
}

function tokenVerifier(options: SubscriptionsSetupOptions): ValidationTokenVerifier {
  const authority = options.authorityHost.replace(/\/+$/, '');
  return validationTokenVerifier({
    keysUrl: options.keysUrl ?? `${authority}/common/discovery/keys`,
    audience: options.clientId,
    now: () => options.clock.now(),
  });
}

export function setUpSubscriptions(options: SubscriptionsSetupOptions): SubscriptionsSetup {
  const { logger } = options;
  const key = loadTokenKey({ configured: options.tokenKey, dataDir: options.dataDir });
  if (key.source === 'generated') logger.info({ path: key.path }, 'generated the sync-account token key');
  const certificate = certificateOf(options);
  const base = options.notificationBaseUrl.replace(/\/+$/, '');
  const manager = new SubscriptionManager({
    store: options.store,
    gateway: new GraphSubscriptionGateway({
      baseUrl: options.graphBaseUrl,
      logger,
      metrics: options.metrics,
    }),
    tokens: refreshTokenGrant({
      authorityHost: options.authorityHost,
      tenantId: options.tenantId,
      clientId: options.clientId,
      clientSecret: options.clientSecret ?? null,
    }),
    box: aesGcmSecretBox(key.key),
    clock: options.clock,
    logger,
    notificationUrl: `${base}${NOTIFICATIONS_PATH}`,
    lifecycleNotificationUrl: `${base}${LIFECYCLE_PATH}`,
    encryption: certificate
      ? { certificate: certificate.certificate, certificateId: certificate.certificateId }
      : null,
    ...(options.tuning ? { tuning: options.tuning } : {}),
    ...(options.otherUsers ? { otherUsers: options.otherUsers } : {}),
  });
  return {
    manager,
    richNotifications: certificate !== null,
    mountRoutes(server, { sink, adminApiKey }) {
      const decrypt = certificate?.decrypt ?? null;
      const verifyTokens = certificate ? tokenVerifier(options) : null;
      const notifications = mountGraphNotifications(server, {
        manager,
        sink,
        decrypt,
        verifyTokens,
        logger,
      });
      mountSyncAccounts(server, { manager, adminApiKey, logger });
      return { notificationStats: notifications.stats };
    },
  };
}
