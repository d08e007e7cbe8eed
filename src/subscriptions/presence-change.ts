// What a presence change notification tells us, in the core's terms, and where the HTTP edge hands it.
import type { TeamsUserId } from '../domain/ids';

export interface PresenceChange {
  readonly teamsUserId: TeamsUserId;
  /** Present with rich notifications (decrypted resource data); basic ones name the user only. */
  readonly presence?: {
    readonly availability: string;
    readonly activity: string;
    readonly sequenceNumber?: string;
  };
}

/**
 * Given by the composition root. Resolves only once the changes are stored durably (then Graph gets 202);
 * a rejection makes the edge answer 503 so Graph delivers them again.
 */
export type PresenceChangeSink = (changes: readonly PresenceChange[]) => Promise<void>;

/** A lifecycle notification for one of our subscriptions (clientState already checked). */
export interface LifecycleNotice {
  readonly subscriptionId: string;
  /** reauthorizationRequired, subscriptionRemoved or missed (the last two are not sent for presence). */
  readonly lifecycleEvent: string;
}
