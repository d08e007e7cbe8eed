// A quiet first check of a channel token, before botbuilder's: signature (RS256/384/512) against the keys
// of the configured OpenID metadata, issuer, audience = BOT_ID, exp/nbf with botbuilder's 5-minute
// tolerance. botbuilder then checks the rest (key endorsements, the serviceurl claim). Why both: for every
// bad signature or expired token botbuilder writes the key set and a stack to stderr with console.error,
// so forged requests alone could flood the log; tokens that pass here never reach those lines.
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';

export type GateResult = 'pass' | 'reject' | 'unavailable';
export type ChannelTokenGate = (authorization: string) => Promise<GateResult>;

export interface GateSettings {
  readonly openIdMetadataUrl: string;
  readonly issuer: string;
  readonly appId: string;
}

const CLOCK_TOLERANCE_SECONDS = 5 * 60;
const FETCH_TIMEOUT_MS = 5000;

async function jwksUri(metadataUrl: string): Promise<URL> {
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const body = (await response.json().catch(() => null)) as { jwks_uri?: unknown } | null;
  if (!response.ok || typeof body?.jwks_uri !== 'string') throw new Error(`metadata ${response.status}`);
  return new URL(body.jwks_uri);
}

/** Network trouble fetching keys is ours ('unavailable'); anything wrong with the token is 'reject'. */
export function channelTokenGate(settings: GateSettings): ChannelTokenGate {
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | null = null;
  const keySet = () =>
    (keys ??= jwksUri(settings.openIdMetadataUrl).then(
      (uri) => createRemoteJWKSet(uri, { timeoutDuration: FETCH_TIMEOUT_MS }),
      (error: unknown) => {
        keys = null;
        throw error;
      },
    ));
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)$/.exec(authorization)?.[1];
    if (!token) return 'reject';
    let jwks: ReturnType<typeof createRemoteJWKSet>;
    try {
      jwks = await keySet();
    } catch {
      return 'unavailable';
    }
    try {
      await jwtVerify(token, jwks, {
        algorithms: ['RS256', 'RS384', 'RS512'],
        issuer: settings.issuer,
        audience: settings.appId,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      return 'pass';
    } catch (error) {
      const ours = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid;
      return ours || !(error instanceof errors.JOSEError) ? 'unavailable' : 'reject';
    }
  };
}
