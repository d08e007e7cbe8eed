// docs/INTEGRATION.md: X-Switchboard-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>,
// with X-Switchboard-Timestamp in unix seconds, accepted within 300 s of now. Used in both directions.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'x-switchboard-timestamp';
export const SIGNATURE_HEADER = 'x-switchboard-signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type SignatureCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly code: 'signature_missing' | 'signature_expired' | 'signature_invalid';
      readonly message: string;
    };

function hmac(secret: string, timestamp: string, body: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
}

/** The two headers for a body signed at nowSeconds. */
export function signatureHeaders(secret: string, body: string, nowSeconds: number): Record<string, string> {
  const timestamp = String(Math.floor(nowSeconds));
  return {
    [TIMESTAMP_HEADER]: timestamp,
    [SIGNATURE_HEADER]: `v1=${hmac(secret, timestamp, body).toString('hex')}`,
  };
}

export function verifySignature(
  secret: string,
  body: string | Buffer,
  timestamp: string | undefined,
  signature: string | undefined,
  nowSeconds: number,
): SignatureCheck {
  if (!timestamp || !signature) {
    return {
      ok: false,
      code: 'signature_missing',
      message: 'X-Switchboard-Timestamp and X-Switchboard-Signature are required',
    };
  }
  const seconds = Number(timestamp);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - seconds) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      code: 'signature_expired',
      message: 'X-Switchboard-Timestamp is more than 300 s from now',
    };
  }
  const match = /^v1=([0-9a-f]{64})$/i.exec(signature.trim());
  const expected = hmac(secret, timestamp, body);
  if (!match?.[1] || !timingSafeEqual(Buffer.from(match[1], 'hex'), expected)) {
    return {
      ok: false,
      code: 'signature_invalid',
      message: 'X-Switchboard-Signature does not match the body',
    };
  }
  return { ok: true };
}
