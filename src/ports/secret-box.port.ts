// Encryption at rest for small secrets kept in the store (sync accounts' refresh tokens, clientStates).
// Adapter: src/adapters/secret-box (AES-256-GCM).

export interface SecretBox {
  /** Encrypts text; `context` is bound to the result (a value sealed for one context opens only with it). */
  seal(plaintext: string, context: string): string;
  /** Throws CodedError('secret_unreadable') when the value was tampered with, or sealed with another key or context. */
  open(sealed: string, context: string): string;
}
