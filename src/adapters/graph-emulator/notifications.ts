// Change and lifecycle notifications to subscribers. Deliveries run in the background, in order per
// subscription, and never fail the request that caused them: a failed delivery is logged. A rich notification
// carries validationTokens, signed by the emulator's identity provider as Entra signs Graph's.
import type { Logger } from '../../ports/logger.port';
import { encryptResourceData } from './encryption';
import { graphDateTime } from './http-kit';
import { presenceResource } from './presence-resource';
import type { PresenceView } from './presence-store';
import type { Subscription, SubscriptionStore } from './subscription-store';

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';
export const LIFECYCLE_EVENTS: readonly LifecycleEvent[] = [
  'reauthorizationRequired',
  'subscriptionRemoved',
  'missed',
];

const DELIVERY_TIMEOUT_MS = 10_000;

export class Notifier {
  private readonly chains = new Map<string, Promise<void>>();
  private readonly stop = new AbortController();

  constructor(
    private readonly subs: SubscriptionStore,
    private readonly logger: Logger,
    private readonly tenantId: string,
    /** A signed validation token for the subscription's application (see validation-tokens.ts). */
    private readonly validationToken: (sub: Subscription) => string,
  ) {}

  presenceChanged(presence: PresenceView): void {
    for (const sub of this.subs.coveringUser(presence.id)) {
      const value = [this.changeItem(sub, presence)];
      const rich = sub.includeResourceData && sub.encryption;
      this.enqueue(
        sub,
        sub.notificationUrl,
        rich ? { value, validationTokens: [this.validationToken(sub)] } : { value },
      );
    }
  }

  /** False when the subscription has no lifecycleNotificationUrl. */
  lifecycle(sub: Subscription, event: LifecycleEvent): boolean {
    if (!sub.lifecycleNotificationUrl) return false;
    const item = {
      subscriptionId: sub.id,
      lifecycleEvent: event,
      clientState: sub.clientState ?? null,
      subscriptionExpirationDateTime: graphDateTime(sub.expiresAt),
      tenantId: this.tenantId,
      organizationId: this.tenantId,
    };
    this.enqueue(sub, sub.lifecycleNotificationUrl, { value: [item] });
    if (event === 'subscriptionRemoved') this.subs.remove(sub.id);
    return true;
  }

  /** Abandons deliveries in flight (the emulator is closing). */
  close(): void {
    this.stop.abort();
  }

  private changeItem(sub: Subscription, presence: PresenceView): Record<string, unknown> {
    const odataId = `communications/presences('${presence.id}')`;
    const resourceData = {
      '@odata.type': '#Microsoft.Graph.presence',
      '@odata.id': odataId,
      id: presence.id,
    };
    const item: Record<string, unknown> = {
      subscriptionId: sub.id,
      clientState: sub.clientState ?? null,
      changeType: 'updated',
      resource: odataId,
      subscriptionExpirationDateTime: graphDateTime(sub.expiresAt),
      tenantId: this.tenantId,
      organizationId: this.tenantId,
      resourceData,
    };
    if (sub.includeResourceData && sub.encryption) {
      const full = { ...resourceData, ...presenceResource(presence) };
      item.encryptedContent = encryptResourceData(full, sub.encryption.key, sub.encryption.certificateId);
    }
    return item;
  }

  private enqueue(sub: Subscription, url: string, body: unknown): void {
    const previous = this.chains.get(sub.id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(sub.id, url, body));
    this.chains.set(sub.id, next);
    void next.finally(() => {
      if (this.chains.get(sub.id) === next) this.chains.delete(sub.id);
    });
  }

  private async deliver(subscriptionId: string, url: string, body: unknown): Promise<void> {
    if (this.stop.signal.aborted) return;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(DELIVERY_TIMEOUT_MS)]),
      });
      await res.arrayBuffer();
      if (res.status < 200 || res.status > 299) {
        this.logger.warn({ subscriptionId, url, status: res.status }, 'graph emulator: notification refused');
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn({ subscriptionId, url, reason }, 'graph emulator: notification delivery failed');
    }
  }
}
