// What the subscription manager is built from, and the counts it reports.
import type { Clock } from '../ports/clock.port';
import type { DelegatedTokenSource } from '../ports/delegated-token.port';
import type { Logger } from '../ports/logger.port';
import type { SecretBox } from '../ports/secret-box.port';
import type { Store } from '../ports/store.port';
import type { SubscriptionGateway } from '../ports/subscription-gateway.port';
import type { ManagerTuning } from './wake-schedule';

export interface SubscriptionManagerDeps {
  readonly store: Pick<Store, 'getSetting' | 'putSetting' | 'listLinks'>;
  readonly gateway: SubscriptionGateway;
  readonly tokens: DelegatedTokenSource;
  readonly box: SecretBox;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly notificationUrl: string;
  readonly lifecycleNotificationUrl: string;
  /** Rich notifications: Graph encrypts resource data for this certificate (base64 DER). */
  readonly encryption?: { readonly certificate: string; readonly certificateId: string } | null;
  readonly tuning?: Partial<ManagerTuning>;
  /**
   * Up to `limit` more Teams user ids to watch in the room the linked users leave (directory people, for
   * directory.presence); they never displace a linked user. Default: none.
   */
  readonly otherUsers?: (limit: number) => Promise<readonly string[]>;
}

export interface SubscriptionSummary {
  readonly linkedUsers: number;
  readonly coveredUsers: number;
  /** Linked users beyond every account's capacity (polled). */
  readonly overflowUsers: number;
}
