// DATA_DIR holds personal data, encrypted tokens and secrets, so it is readable by the service's user only:
// the directory 0700 and every file in it 0600, also for installs made before this rule (issue 6 item 9).
import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CodedError } from '../../domain/errors';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function unusable(dir: string, why: string): CodedError {
  return new CodedError('invalid_config', `DATA_DIR ${dir} ${why}`);
}

// One level at a time: Node 20's recursive mkdirSync never returns for a path under /proc.
function createMissing(dir: string): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !exists(at); at = dirname(at)) {
    missing.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing) {
    try {
      mkdirSync(path, { mode: PRIVATE_DIR_MODE });
    } catch (error) {
      throw unusable(dir, `cannot be created (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
}

/** Creates the directory if needed and tightens it and its files; throws one readable line naming DATA_DIR. */
export function preparePrivateDir(dir: string): void {
  createMissing(dir);
  if (!statSync(dir).isDirectory()) throw unusable(dir, 'is not a directory');
  try {
    chmodSync(dir, PRIVATE_DIR_MODE);
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isFile()) chmodSync(join(dir, entry.name), PRIVATE_FILE_MODE);
      else if (entry.isDirectory()) chmodSync(join(dir, entry.name), PRIVATE_DIR_MODE);
    }
  } catch (error) {
    throw unusable(dir, `cannot be made private (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
