// Microsoft Entra: delegated tokens for sync accounts.
export {
  refreshTokenGrant,
  SYNC_ACCOUNT_SCOPE,
  DEFAULT_AUTHORITY_HOST,
  type RefreshTokenGrantOptions,
} from './refresh-token-grant';
