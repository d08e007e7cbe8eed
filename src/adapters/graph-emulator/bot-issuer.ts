// The emulator as the Bot Framework's two token authorities. Channel tokens (Teams → bot) are signed with a
// "channel" key published at the OpenID metadata's jwks_uri, with Teams' endorsements, exactly the claims
// botframework-connector checks (iss https://api.botframework.com, aud = the bot's app id, serviceurl).
// Bot tokens (bot → Bot Connector, client credentials) are signed with a second key only the emulator's
// Bot Connector trusts. Keys are made on first use (RSA generation is slow and most runs never need them).
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import type { Clock } from '../../ports/clock.port';

/** The issuer of every real channel token, which botbuilder requires by default. */
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
/** What a bot asks a token for (ToChannelFromBotOAuthScope) and the audience the Bot Connector expects. */
export const BOT_CONNECTOR_SCOPE = 'https://api.botframework.com';
const ENDORSEMENTS = ['msteams', 'emulator', 'webchat', 'directline'];
const DEFAULT_LIFETIME_SECONDS = 3600;

/** What to put in a channel → bot token. Defaults make a valid token for `appId` and `serviceUrl`. */
export interface ChannelTokenRequest {
  /** The bot's app id (BOT_ID): the token's audience. */
  readonly appId: string;
  /** The activity's serviceUrl, carried as the `serviceurl` claim. */
  readonly serviceUrl: string;
  /** Lifetime from now; default 3600. Zero or less gives a token that has already expired. */
  readonly expiresInSeconds?: number;
  /** Seconds from now before the token is valid (`nbf`); default 0. */
  readonly notBeforeSeconds?: number;
  /** Override the issuer (to mint a wrong one). */
  readonly issuer?: string;
}

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export type BotTokenCheck = { readonly ok: true; readonly appId: string } | { readonly ok: false };

function makeKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid: randomUUID(), privateKey, publicKey };
}

export class BotIssuer {
  private channel: SigningKey | null = null;
  private bot: SigningKey | null = null;

  constructor(private readonly clock: Clock) {}

  /** The JWKS of channel keys, with endorsements as login.botframework.com publishes them. */
  async channelJwks(): Promise<{ keys: JWK[] }> {
    const { kid, publicKey } = this.channelKey();
    const jwk = await exportJWK(publicKey);
    return { keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256', endorsements: ENDORSEMENTS } as JWK] };
  }

  /** A channel → bot activity token (RS256, channel key). */
  issueChannelToken(request: ChannelTokenRequest): Promise<string> {
    const { kid, privateKey } = this.channelKey();
    const now = this.nowSeconds();
    const lifetime = request.expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS;
    const nbf = now + (request.notBeforeSeconds ?? 0);
    return new SignJWT({ serviceurl: request.serviceUrl })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(request.issuer ?? CHANNEL_TOKEN_ISSUER)
      .setAudience(request.appId)
      .setIssuedAt(lifetime > 0 ? now : now + lifetime - DEFAULT_LIFETIME_SECONDS)
      .setNotBefore(nbf)
      .setExpirationTime(now + lifetime)
      .sign(privateKey);
  }

  /** A client-credentials access token for the bot, issued by `<origin>/<tenant>/v2.0`. */
  issueBotToken(issuer: string, appId: string, tenant: string, lifetimeSeconds: number): Promise<string> {
    const { kid, privateKey } = this.botKey();
    const now = this.nowSeconds();
    return new SignJWT({ appid: appId, azp: appId, tid: tenant, ver: '2.0' })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience(BOT_CONNECTOR_SCOPE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + lifetimeSeconds)
      .sign(privateKey);
  }

  /** Checks a bearer token the Bot Connector received: our bot key, its audience, not expired. */
  async checkBotToken(token: string): Promise<BotTokenCheck> {
    try {
      const { payload } = await jwtVerify(token, this.botKey().publicKey, {
        algorithms: ['RS256'],
        audience: BOT_CONNECTOR_SCOPE,
        currentDate: new Date(this.clock.now()),
      });
      return typeof payload.appid === 'string' ? { ok: true, appId: payload.appid } : { ok: false };
    } catch {
      return { ok: false };
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }

  private channelKey(): SigningKey {
    return (this.channel ??= makeKey());
  }

  private botKey(): SigningKey {
    return (this.bot ??= makeKey());
  }
}
