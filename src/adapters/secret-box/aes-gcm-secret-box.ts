// SecretBox with AES-256-GCM: a fresh 12-byte IV per value, the context as additional authenticated data.
// Format: "v1.<iv>.<ciphertext>.<tag>" (base64url), so a future key or algorithm can be told apart.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CodedError } from '../../domain/errors';
import type { SecretBox } from '../../ports/secret-box.port';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function aesGcmSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) {
    throw new CodedError('invalid_secret_key', `the token encryption key must be ${KEY_BYTES} bytes`);
  }
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, data, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const [version, iv, data, tag, ...rest] = sealed.split('.');
      if (version !== VERSION || iv === undefined || data === undefined || tag === undefined || rest.length) {
        throw new CodedError('secret_unreadable', 'the sealed value is not in the v1 format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), {
          authTagLength: TAG_BYTES,
        });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw new CodedError('secret_unreadable', 'the sealed value does not open with this key', undefined, {
          cause: error,
        });
      }
    },
  };
}
