// The validationTokens Graph puts beside rich notifications (Microsoft Learn, "Set up change notifications
// that include resource data"): one JWT per distinct app and tenant among the items, issued by Entra for the
// subscribing app (aud) on behalf of Graph's change-notification publisher (appid). Signed with the same key
// as the emulator's SSO tokens, so one JWKS serves both.
import { randomUUID } from 'node:crypto';
import { GRAPH_NOTIFICATION_PUBLISHER_ID } from '../../subscriptions/notification-items';

/** What to put in a validation token; defaults make the token Graph would send. */
export interface ValidationTokenRequest {
  /** The subscribing application's client id. */
  readonly aud: string;
  readonly tid: string;
  /** Default Graph's change-notification publisher; anything else is a forgery the subscriber must refuse. */
  readonly appid?: string;
  /** Default 3600; zero or less gives a token that has already expired. */
  readonly expiresInSeconds?: number;
}

const LIFETIME_SECONDS = 3600;

/** The claims of a v1 token, as in Microsoft's documented example. */
export function validationTokenClaims(
  request: ValidationTokenRequest,
  nowMs: number,
): Record<string, unknown> {
  const now = Math.floor(nowMs / 1000);
  const lifetime = request.expiresInSeconds ?? LIFETIME_SECONDS;
  const exp = now + lifetime;
  const iat = lifetime > 0 ? now : exp - LIFETIME_SECONDS;
  const appid = request.appid ?? GRAPH_NOTIFICATION_PUBLISHER_ID;
  return {
    aud: request.aud,
    iss: `https://sts.windows.net/${request.tid}/`,
    iat,
    nbf: iat,
    exp,
    appid,
    appidacr: '2',
    idp: `https://sts.windows.net/${request.tid}/`,
    oid: randomUUID(),
    sub: appid,
    tid: request.tid,
    uti: randomUUID(),
    ver: '1.0',
  };
}
