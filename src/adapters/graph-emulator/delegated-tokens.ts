// Delegated tokens for "sync accounts": refresh tokens minted by the test/operator, redeemed at the
// emulator's token endpoint for an access token (1 h) and a rotated refresh token (the old one dies), as
// Entra does. Access tokens are JWT-shaped so clients that peek at claims (exp, upn) work.
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock.port';

export const ACCESS_TOKEN_SECONDS = 3600;

export interface DelegatedIdentity {
  readonly upn: string;
  readonly clientId: string;
}

export interface RefreshGrant {
  readonly upn: string;
  /** Bound on first redemption: a refresh token belongs to one application. */
  readonly clientId?: string;
}

export interface AccessGrant extends DelegatedIdentity {
  readonly expiresAt: number;
}

export interface TokenResponse {
  readonly token_type: 'Bearer';
  readonly scope: string;
  readonly expires_in: number;
  readonly ext_expires_in: number;
  readonly access_token: string;
  readonly refresh_token: string;
}

export type RedeemResult =
  | { readonly ok: true; readonly response: TokenResponse }
  | { readonly ok: false; readonly description: string };

export type AccessCheck =
  | { readonly status: 'valid'; readonly identity: DelegatedIdentity }
  | { readonly status: 'expired' }
  | { readonly status: 'unknown' };

/** Everything issued, as plain data for the state file; `secret` signs the access tokens (base64url). */
export interface TokensSnapshot {
  readonly secret: string;
  readonly refreshTokens: readonly (readonly [string, RefreshGrant])[];
  readonly accessTokens: readonly (readonly [string, AccessGrant])[];
}

export class DelegatedTokens {
  private readonly refreshTokens = new Map<string, RefreshGrant>();
  private readonly accessTokens = new Map<string, AccessGrant>();
  private secret = randomBytes(32);

  constructor(
    private readonly clock: Clock,
    private readonly tenantId: string,
  ) {}

  issueRefreshToken(upn: string): string {
    const token = `emu-rt.${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(token, { upn });
    return token;
  }

  redeem(refreshToken: string, clientId: string, scope: string): RedeemResult {
    const grant = this.refreshTokens.get(refreshToken);
    if (!grant)
      return {
        ok: false,
        description: 'AADSTS70000: The provided refresh token is invalid or has been used.',
      };
    if (grant.clientId !== undefined && grant.clientId !== clientId) {
      return { ok: false, description: 'AADSTS70000: The refresh token was issued to a different client.' };
    }
    this.refreshTokens.delete(refreshToken);
    const next = `emu-rt.${randomBytes(24).toString('base64url')}`;
    this.refreshTokens.set(next, { upn: grant.upn, clientId });
    const expiresAt = this.clock.now() + ACCESS_TOKEN_SECONDS * 1000;
    const accessToken = this.signAccessToken(grant.upn, clientId, scope, expiresAt);
    this.pruneExpired();
    this.accessTokens.set(accessToken, { upn: grant.upn, clientId, expiresAt });
    return {
      ok: true,
      response: {
        token_type: 'Bearer',
        scope,
        expires_in: ACCESS_TOKEN_SECONDS,
        ext_expires_in: ACCESS_TOKEN_SECONDS,
        access_token: accessToken,
        refresh_token: next,
      },
    };
  }

  check(accessToken: string): AccessCheck {
    const grant = this.accessTokens.get(accessToken);
    if (!grant) return { status: 'unknown' };
    if (grant.expiresAt <= this.clock.now()) return { status: 'expired' };
    return { status: 'valid', identity: { upn: grant.upn, clientId: grant.clientId } };
  }

  snapshot(): TokensSnapshot {
    return {
      secret: this.secret.toString('base64url'),
      refreshTokens: [...this.refreshTokens],
      accessTokens: [...this.accessTokens],
    };
  }

  /** Replaces everything issued with the saved tokens, so they keep working after a restart. */
  restore(snapshot: TokensSnapshot): void {
    this.secret = Buffer.from(snapshot.secret, 'base64url');
    this.refreshTokens.clear();
    this.accessTokens.clear();
    for (const [token, grant] of snapshot.refreshTokens) this.refreshTokens.set(token, grant);
    for (const [token, grant] of snapshot.accessTokens) this.accessTokens.set(token, grant);
  }

  private signAccessToken(upn: string, clientId: string, scope: string, expiresAt: number): string {
    const iat = Math.floor(this.clock.now() / 1000);
    const header = { typ: 'JWT', alg: 'HS256' };
    const claims = {
      aud: 'https://graph.microsoft.com',
      iss: `https://sts.windows.net/${this.tenantId}/`,
      iat,
      nbf: iat,
      exp: Math.floor(expiresAt / 1000),
      appid: clientId,
      tid: this.tenantId,
      upn,
      unique_name: upn,
      scp: scope,
      uti: randomUUID(),
    };
    const encode = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const signingInput = `${encode(header)}.${encode(claims)}`;
    const signature = createHmac('sha256', this.secret).update(signingInput).digest('base64url');
    return `${signingInput}.${signature}`;
  }

  /** Expired access tokens are kept a day so their use still answers "expired" rather than "unknown". */
  private pruneExpired(): void {
    const cutoff = this.clock.now() - 86_400_000;
    for (const [token, grant] of this.accessTokens)
      if (grant.expiresAt < cutoff) this.accessTokens.delete(token);
  }
}
