// POSTs outbound messages to the contact center (CC_OUTBOUND_URL; docs/INTEGRATION.md "Receiving"), signed
// with the same scheme the contact center uses towards us. Every outcome is a value: the outbox decides what
// to do.
import type { Clock } from '../../ports/clock.port';
import type { ContactCenterTransport, DeliveryResult } from '../../ports/contact-center.port';
import type { OutboundMessage } from '../../ports/store.port';
import { signatureHeaders } from '../signature/hmac-signature';
import { retryAfterMs } from './retry-after';

export const DEFAULT_DELIVERY_TIMEOUT_MS = 10_000;
/** How much of a refusing receiver's body goes into the error kept with the outbox entry. */
const ERROR_BODY_CHARS = 200;

export interface HttpContactCenterTransportOptions {
  /** CC_OUTBOUND_URL. */
  readonly url: string;
  /** CC_OUTBOUND_SECRET. */
  readonly secret: string;
  /** Signs with its time and runs the timeout on it. */
  readonly clock: Clock;
  /** Whole request, answer body included; default 10 s. */
  readonly timeoutMs?: number;
}

export class HttpContactCenterTransport implements ContactCenterTransport {
  private readonly url: string;
  private readonly secret: string;
  private readonly clock: Clock;
  private readonly timeoutMs: number;

  constructor(options: HttpContactCenterTransportOptions) {
    this.url = options.url;
    this.secret = options.secret;
    this.clock = options.clock;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_DELIVERY_TIMEOUT_MS;
  }

  async deliver(message: OutboundMessage): Promise<DeliveryResult> {
    const body = JSON.stringify(message.body);
    const controller = new AbortController();
    const cancelTimeout = this.clock.setTimer(this.timeoutMs, () => controller.abort());
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...signatureHeaders(this.secret, body, this.clock.now() / 1000),
        },
        body,
        signal: controller.signal,
        // A redirect would be followed without us noticing a misconfigured URL; it counts as a failure.
        redirect: 'manual',
      });
      const text = await response.text();
      return resultOf(response.status, text, response.headers.get('retry-after'), this.clock.now());
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : `network error: ${describe(error)}`;
      return { ok: false, retryable: true, error: reason };
    } finally {
      cancelTimeout();
    }
  }
}

function resultOf(status: number, text: string, retryAfter: string | null, nowMs: number): DeliveryResult {
  if (status >= 200 && status < 300) return { ok: true };
  const retryable = status < 400 || status >= 500 || status === 408 || status === 429;
  const snippet = text.trim().slice(0, ERROR_BODY_CHARS);
  const error = `HTTP ${status}${snippet ? `: ${snippet}` : ''}`;
  const delay = retryable ? retryAfterMs(retryAfter, nowMs) : undefined;
  return delay === undefined
    ? { ok: false, retryable, error }
    : { ok: false, retryable, error, retryAfterMs: delay };
}

/** fetch reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND, ...) in its cause. */
function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : undefined;
  return code ? `${error.message} (${code})` : error.message;
}
