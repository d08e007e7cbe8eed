// Encryption at rest for stored secrets (sync-account refresh tokens).
export { aesGcmSecretBox } from './aes-gcm-secret-box';
export { loadTokenKey, TOKEN_KEY_FILE } from './token-key';
