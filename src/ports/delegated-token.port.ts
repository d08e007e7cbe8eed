// Access tokens for a sync account from its refresh token (OAuth2 refresh_token grant). Entra rotates refresh
// tokens: the answer carries a new one and the caller must keep it. Adapter: src/adapters/entra.

export type RefreshOutcome =
  | {
      readonly ok: true;
      readonly accessToken: string;
      /** The rotated refresh token; null when the server did not send one (keep the old one then). */
      readonly refreshToken: string | null;
      readonly expiresInSeconds: number;
    }
  /** retryable false: the grant is dead (revoked, expired, wrong client); an admin must register a new token. */
  | { readonly ok: false; readonly retryable: boolean; readonly code: string; readonly message: string };

export interface DelegatedTokenSource {
  /** Redeems a refresh token. Never throws: network failures are retryable outcomes. */
  redeem(refreshToken: string): Promise<RefreshOutcome>;
}
