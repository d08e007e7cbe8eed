// Local mode: CC_WEBHOOK_SECRET is generated on first start and kept under DATA_DIR (README "Configuration").
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function localWebhookSecret(dataDir: string): { secret: string; created: boolean; path: string } {
  const path = join(dataDir, 'cc-webhook-secret');
  try {
    return { secret: readFileSync(path, 'utf8').trim(), created: false, path };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(path, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return { secret, created: true, path };
}
