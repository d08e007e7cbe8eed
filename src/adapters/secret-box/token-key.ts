// The key that encrypts sync-account tokens at rest: SYNC_TOKEN_KEY (base64 of 32 bytes) when set, otherwise
// generated once and kept in DATA_DIR/sync-token-key (mode 0600), as local-secret.ts does for the webhook
// secret. Losing the file makes stored refresh tokens unreadable: the accounts must then be registered again.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../domain/errors';

export const TOKEN_KEY_FILE = 'sync-token-key';
const KEY_BYTES = 32;

function decodeKey(text: string, source: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES) {
    throw new CodedError('invalid_config', `${source} must be the base64 encoding of ${KEY_BYTES} bytes`);
  }
  return key;
}

function readKeyFile(path: string): Buffer | null {
  try {
    return decodeKey(readFileSync(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function loadTokenKey(options: { readonly configured: string | null; readonly dataDir: string }): {
  key: Buffer;
  source: 'setting' | 'file' | 'generated';
  path: string | null;
} {
  if (options.configured)
    return { key: decodeKey(options.configured, 'SYNC_TOKEN_KEY'), source: 'setting', path: null };
  const path = join(options.dataDir, TOKEN_KEY_FILE);
  const existing = readKeyFile(path);
  if (existing) return { key: existing, source: 'file', path };
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(KEY_BYTES);
  try {
    // 'wx': if another process created it meanwhile, keep theirs rather than overwrite it.
    writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { key: decodeKey(readFileSync(path, 'utf8'), path), source: 'file', path };
  }
  return { key, source: 'generated', path };
}
