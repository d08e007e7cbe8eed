// The emulator as a local Entra identity provider: it signs Teams tab SSO tokens (v2 access tokens shaped like
// the ones `authentication.getAuthToken()` returns) and rich notifications' validationTokens with an RSA key
// of its own, and publishes the public half as a JWKS. The key is made on first use, not at start, because most emulator runs (tests) never need it
// and RSA key generation costs a noticeable fraction of a second; it then lives as long as the emulator.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { Clock } from '../../ports/clock.port';
import { EMULATOR_TENANT_ID } from './tenant';

/** What to put in an SSO token. Defaults make a valid token for the emulated tenant. */
export interface SsoTokenRequest {
  /** The user's Entra object id. */
  readonly oid: string;
  /** The audience: the tab's Entra app client id (or `api://<domain>/<clientId>`). */
  readonly aud: string;
  /** Tenant id; default the emulated tenant. The issuer is `<origin>/<tid>/v2.0`. */
  readonly tid?: string;
  readonly name?: string;
  /** Sent as `preferred_username` (v2) and `upn` (the optional claim). */
  readonly upn?: string;
  /** Delegated scopes, space separated; default `access_as_user`. Null or '' = no `scp` claim. */
  readonly scp?: string | null;
  /** Lifetime from now; default 3600. Zero or less gives a token that has already expired. */
  readonly expiresInSeconds?: number;
  /** App roles (`roles` claim), e.g. ["Switchboard.Admin"]. */
  readonly roles?: readonly string[];
  /** Group object ids (`groups` claim). */
  readonly groups?: readonly string[];
}

/** The Teams web client: the app a real SSO token is issued to (`azp`). */
const TEAMS_WEB_CLIENT_ID = '5e3ce6c0-2b1f-4285-8d4b-75ee78787346';
const DEFAULT_LIFETIME_SECONDS = 3600;

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicJwk: JsonWebKey;
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The signing key as plain data for the state file (PKCS#8 PEM), so tokens it signed stay valid. */
export interface SsoKeySnapshot {
  readonly kid: string;
  readonly privateKeyPem: string;
}

export class SsoIssuer {
  private key: SigningKey | null = null;

  /** `onNewKey` runs once the key is made, so it can be saved before a token signed with it leaves. */
  constructor(
    private readonly clock: Clock,
    private readonly onNewKey: () => void = () => {},
  ) {}

  snapshot(): SsoKeySnapshot | null {
    if (!this.key) return null;
    const privateKeyPem = this.key.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    return { kid: this.key.kid, privateKeyPem };
  }

  restore(saved: SsoKeySnapshot | null): void {
    if (!saved) return;
    const privateKey = createPrivateKey(saved.privateKeyPem);
    const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
    this.key = { kid: saved.kid, privateKey, publicJwk };
  }

  /** The JSON Web Key Set served at /{tenant}/discovery/v2.0/keys. */
  jwks(): { keys: JsonWebKey[] } {
    const { kid, publicJwk } = this.signingKey();
    return { keys: [{ ...publicJwk, kid, use: 'sig', alg: 'RS256' }] };
  }

  /** An RS256 JWT issued by `<origin>/<tid>/v2.0`. */
  issue(origin: string, request: SsoTokenRequest): string {
    const tid = request.tid ?? EMULATOR_TENANT_ID;
    const lifetime = request.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
    const now = Math.floor(this.clock.now() / 1000);
    const exp = now + lifetime;
    // An expired token was issued an hour before it expired, so only its exp is wrong.
    const iat = lifetime > 0 ? now : exp - DEFAULT_LIFETIME_SECONDS;
    const scp = request.scp ?? (request.scp === null ? '' : 'access_as_user');
    const payload = {
      aud: request.aud,
      iss: `${origin}/${tid}/v2.0`,
      iat,
      nbf: iat,
      exp,
      azp: TEAMS_WEB_CLIENT_ID,
      ...(request.name === undefined ? {} : { name: request.name }),
      oid: request.oid,
      ...(request.upn === undefined ? {} : { preferred_username: request.upn, upn: request.upn }),
      ...(scp === '' ? {} : { scp }),
      ...(request.roles ? { roles: request.roles } : {}),
      ...(request.groups ? { groups: request.groups } : {}),
      sub: request.oid,
      tid,
      uti: randomUUID(),
      ver: '2.0',
    };
    return this.sign(payload);
  }

  /** Any claims as an RS256 JWT under the key the JWKS publishes (also used for notification tokens). */
  sign(payload: Readonly<Record<string, unknown>>): string {
    const { kid, privateKey } = this.signingKey();
    const input = `${base64url({ typ: 'JWT', alg: 'RS256', kid })}.${base64url(payload)}`;
    return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
  }

  private signingKey(): SigningKey {
    if (!this.key) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.key = { kid: randomUUID(), privateKey, publicJwk: publicKey.export({ format: 'jwk' }) };
      this.onNewKey();
    }
    return this.key;
  }
}

/** Validates the body of POST /_emulator/sso-token; a message naming the problem when it is wrong. */
export function parseSsoTokenRequest(body: unknown): SsoTokenRequest | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'Send a JSON object.';
  const b = body as Record<string, unknown>;
  for (const name of ['oid', 'aud'] as const) {
    if (typeof b[name] !== 'string' || b[name] === '') return `${name} is required (a non-empty string).`;
  }
  for (const name of ['tid', 'name', 'upn'] as const) {
    if (b[name] !== undefined && typeof b[name] !== 'string') return `${name} must be a string.`;
  }
  if (b.scp !== undefined && b.scp !== null && typeof b.scp !== 'string')
    return 'scp must be a string or null.';
  if (b.expiresInSeconds !== undefined && !Number.isInteger(b.expiresInSeconds))
    return 'expiresInSeconds must be an integer.';
  return {
    oid: b.oid as string,
    aud: b.aud as string,
    ...(b.tid === undefined ? {} : { tid: b.tid as string }),
    ...(b.name === undefined ? {} : { name: b.name as string }),
    ...(b.upn === undefined ? {} : { upn: b.upn as string }),
    ...(b.scp === undefined ? {} : { scp: b.scp as string | null }),
    ...(b.expiresInSeconds === undefined ? {} : { expiresInSeconds: b.expiresInSeconds as number }),
  };
}
