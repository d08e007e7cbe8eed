// The contact center's inbound endpoint (CC_OUTBOUND_URL). Adapter: src/adapters/cc-http.
import type { OutboundMessage } from './store.port';

export type DeliveryResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly error: string;
      /** The receiver's Retry-After, when it sent one: do not try again sooner. */
      readonly retryAfterMs?: number;
    };

export interface ContactCenterTransport {
  /** Posts one signed message. A 2xx is ok; 4xx other than 408/429 is not retryable; everything else is. */
  deliver(message: OutboundMessage): Promise<DeliveryResult>;
}
