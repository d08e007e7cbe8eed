// Live presence subscriptions. An expired subscription stops notifying and disappears, on the injected Clock.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock.port';
import { scheduleAt } from './clock-timers';
import { graphDateTime } from './http-kit';
import type { SubscriptionDraft, SubscriptionEncryption } from './subscription-request';

export interface Subscription extends SubscriptionDraft {
  readonly id: string;
  /** The delegated user who created it and the application it belongs to. */
  readonly creatorUpn: string;
  readonly applicationId: string;
}

export class SubscriptionStore {
  private readonly subs = new Map<string, { sub: Subscription; cancel: () => void }>();

  constructor(private readonly clock: Clock) {}

  add(draft: SubscriptionDraft, owner: { upn: string; clientId: string }): Subscription {
    const sub: Subscription = {
      ...draft,
      id: randomUUID(),
      creatorUpn: owner.upn,
      applicationId: owner.clientId,
    };
    this.put(sub);
    return sub;
  }

  get(id: string): Subscription | undefined {
    const entry = this.subs.get(id);
    if (!entry) return undefined;
    if (entry.sub.expiresAt > this.clock.now()) return entry.sub;
    this.remove(id);
    return undefined;
  }

  all(): Subscription[] {
    return [...this.subs.keys()].map((id) => this.get(id)).filter((s): s is Subscription => s !== undefined);
  }

  /** The one subscription a user may hold per application (Microsoft Learn, changenotifications-for-presence). */
  findByOwner(upn: string, clientId: string): Subscription | undefined {
    return this.all().find(
      (s) => s.creatorUpn.toLowerCase() === upn.toLowerCase() && s.applicationId === clientId,
    );
  }

  coveringUser(userId: string): Subscription[] {
    return this.all().filter((s) => s.userIds.includes(userId));
  }

  renew(id: string, expiresAt: number, encryption?: SubscriptionEncryption): Subscription | undefined {
    const current = this.get(id);
    if (!current) return undefined;
    const sub: Subscription = { ...current, expiresAt, ...(encryption ? { encryption } : {}) };
    this.put(sub);
    return sub;
  }

  remove(id: string): boolean {
    const entry = this.subs.get(id);
    if (!entry) return false;
    entry.cancel();
    this.subs.delete(id);
    return true;
  }

  reset(): void {
    for (const id of [...this.subs.keys()]) this.remove(id);
  }

  /** Puts back saved subscriptions (ids kept); expired ones are dropped. */
  restore(saved: readonly Subscription[]): void {
    this.reset();
    for (const sub of saved) if (sub.expiresAt > this.clock.now()) this.put(sub);
  }

  private put(sub: Subscription): void {
    this.subs.get(sub.id)?.cancel();
    const cancel = scheduleAt(this.clock, sub.expiresAt, () => this.remove(sub.id));
    this.subs.set(sub.id, { sub, cancel });
  }
}

/** The subscription resource as Graph returns it (Microsoft Learn, resources/subscription). */
export function subscriptionResource(sub: Subscription): Record<string, unknown> {
  return {
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: 'updated',
    clientState: sub.clientState ?? null,
    notificationUrl: sub.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: sub.lifecycleNotificationUrl ?? null,
    expirationDateTime: graphDateTime(sub.expiresAt),
    creatorId: sub.creatorUpn,
    includeResourceData: sub.includeResourceData,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: sub.encryption?.certificate ?? null,
    encryptionCertificateId: sub.encryption?.certificateId ?? null,
    notificationUrlAppId: null,
  };
}
