// Access tokens of the sync accounts. A token is kept in memory until 5 minutes before it expires; getting a
// new one redeems the stored refresh token, and the rotated refresh token is sealed and saved before the
// access token is handed out, so a crash can never leave us holding only a dead refresh token on disk.
import type { Clock } from '../ports/clock.port';
import type { DelegatedTokenSource } from '../ports/delegated-token.port';
import type { SecretBox } from '../ports/secret-box.port';
import { refreshTokenContext, type SyncAccountRecord } from './sync-account-records';

const EARLY_REFRESH_MS = 5 * 60_000;

export type TokenFailure = {
  readonly ok: false;
  readonly retryable: boolean;
  readonly code: string;
  readonly message: string;
};
export type TokenOutcome = { readonly ok: true; readonly token: string } | TokenFailure;

export interface Exchanged {
  readonly ok: true;
  readonly accessToken: string;
  readonly expiresAt: number;
  /** The rotated refresh token, sealed for the account. */
  readonly sealedRefreshToken: string;
}

export interface AccountTokensDeps {
  readonly source: DelegatedTokenSource;
  readonly box: SecretBox;
  readonly clock: Clock;
  /** Stores the account's new sealed refresh token (memory, then the store); rejects when the store fails. */
  readonly saveRefreshToken: (name: string, sealed: string) => Promise<void>;
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export class AccountTokens {
  private readonly cache = new Map<string, { token: string; expiresAt: number }>();

  constructor(private readonly deps: AccountTokensDeps) {}

  /** A valid access token for the account (its current record). */
  async accessToken(record: SyncAccountRecord): Promise<TokenOutcome> {
    const cached = this.cache.get(record.name);
    if (cached && cached.expiresAt - this.deps.clock.now() > EARLY_REFRESH_MS)
      return { ok: true, token: cached.token };
    let refreshToken: string;
    try {
      refreshToken = this.deps.box.open(record.refreshToken, refreshTokenContext(record.name));
    } catch (error) {
      return { ok: false, retryable: false, code: 'refresh_token_unreadable', message: messageOf(error) };
    }
    const exchanged = await this.exchange(record.name, refreshToken);
    if (!exchanged.ok) return exchanged;
    try {
      await this.deps.saveRefreshToken(record.name, exchanged.sealedRefreshToken);
    } catch (error) {
      return { ok: false, retryable: true, code: 'store_unavailable', message: messageOf(error) };
    }
    this.remember(record.name, exchanged);
    return { ok: true, token: exchanged.accessToken };
  }

  /** Redeems a refresh token; the caller must save sealedRefreshToken before using the access token. */
  async exchange(name: string, refreshToken: string): Promise<Exchanged | TokenFailure> {
    const answer = await this.deps.source.redeem(refreshToken);
    if (!answer.ok) return answer;
    return {
      ok: true,
      accessToken: answer.accessToken,
      expiresAt: this.deps.clock.now() + answer.expiresInSeconds * 1000,
      sealedRefreshToken: this.deps.box.seal(answer.refreshToken ?? refreshToken, refreshTokenContext(name)),
    };
  }

  /** Seals a refresh token for the account without redeeming it (kept for a later try). */
  seal(name: string, refreshToken: string): string {
    return this.deps.box.seal(refreshToken, refreshTokenContext(name));
  }

  remember(name: string, exchanged: Exchanged): void {
    this.cache.set(name, { token: exchanged.accessToken, expiresAt: exchanged.expiresAt });
  }

  forget(name: string): void {
    this.cache.delete(name);
  }
}
