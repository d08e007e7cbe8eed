// Validates rich notifications' validationTokens as Microsoft Learn documents ("Set up change notifications
// that include resource data", "Validating the authenticity of notifications"): an RS256 JWT signed with a key
// of the issuer's published set, `aud` = our app id, issued to Graph's change-notification publisher
// (`appid` in v1 tokens, `azp` in v2), not expired. jose caches the key set and refetches it, at most every
// 30 s, when a token names a key it does not hold (Entra rotates keys).
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import {
  GRAPH_NOTIFICATION_PUBLISHER_ID,
  type TokenVerdict,
  type ValidationTokenVerifier,
} from '../../subscriptions/notification-items';

export interface ValidationTokenSettings {
  /** The issuer's JSON Web Key Set, e.g. https://login.microsoftonline.com/common/discovery/keys. */
  readonly keysUrl: string;
  /** Our Entra app's client id: the audience Graph asks Entra to issue the tokens for. */
  readonly audience: string;
  /** The service clock, in epoch ms. */
  readonly now: () => number;
}

const CLOCK_TOLERANCE_SECONDS = 300;
const KEYS_TIMEOUT_MS = 2000;

/** A token that is simply not valid; anything else (keys unreachable, bad key set) is worth a redelivery. */
const REFUSALS: readonly [new (...args: never[]) => Error, string][] = [
  [errors.JWTExpired, 'validation_token_expired'],
  [errors.JWTClaimValidationFailed, 'validation_token_claims'],
  [errors.JWSSignatureVerificationFailed, 'validation_token_signature'],
  [errors.JWKSNoMatchingKey, 'validation_token_unknown_key'],
  [errors.JWKSMultipleMatchingKeys, 'validation_token_unknown_key'],
  [errors.JOSEAlgNotAllowed, 'validation_token_algorithm'],
  [errors.JOSENotSupported, 'validation_token_algorithm'],
  [errors.JWSInvalid, 'validation_token_malformed'],
  [errors.JWTInvalid, 'validation_token_malformed'],
  [errors.JWKInvalid, 'validation_token_unknown_key'],
];

function verdictOf(error: unknown): TokenVerdict {
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud')
    return { ok: false, reason: 'validation_token_wrong_audience' };
  const refusal = REFUSALS.find(([type]) => error instanceof type);
  if (refusal) return { ok: false, reason: refusal[1] };
  return { ok: false, reason: 'signing_keys_unavailable', unavailable: true };
}

function publisherOf(payload: JWTPayload): unknown {
  return payload['ver'] === '2.0' ? payload['azp'] : payload['appid'];
}

export function validationTokenVerifier(settings: ValidationTokenSettings): ValidationTokenVerifier {
  const keys = createRemoteJWKSet(new URL(settings.keysUrl), { timeoutDuration: KEYS_TIMEOUT_MS });
  return async (token) => {
    try {
      const { payload } = await jwtVerify(token, keys, {
        audience: settings.audience,
        algorithms: ['RS256'],
        currentDate: new Date(settings.now()),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp'],
      });
      if (publisherOf(payload) !== GRAPH_NOTIFICATION_PUBLISHER_ID)
        return { ok: false, reason: 'validation_token_wrong_app' };
      return { ok: true };
    } catch (error) {
      return verdictOf(error);
    }
  };
}
