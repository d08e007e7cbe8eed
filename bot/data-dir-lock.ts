// One owner per embedded store: the first process on a DATA_DIR writes DATA_DIR/switchboard.lock (its pid and,
// once listening, its URL); a second one refuses to start and names it. A lock left by a dead process is taken
// over. Like PostgreSQL's postmaster.pid, liveness is the pid: our own pid counts as stale (a container restarted
// with the same pid), and two processes taking over one stale lock in the same instant are not told apart.
import { randomUUID } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../src/domain/errors';
import { PRIVATE_FILE_MODE } from '../src/adapters/data-dir/private-dir';

export const LOCK_FILE = 'switchboard.lock';

interface LockContent {
  readonly pid: number;
  readonly token: string;
  readonly url: string | null;
  readonly startedAt: string;
}

export interface DataDirLock {
  /** Records the URL the owner answers on, for the message a second process prints. */
  setUrl(url: string): void;
  /** Removes the lock if it is still ours. */
  release(): void;
}

function readLock(path: string): LockContent | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockContent>;
    return typeof parsed.pid === 'number' ? (parsed as LockContent) : null;
  } catch {
    return null; // gone, or half-written by a process that died: stale either way
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, content: LockContent): boolean {
  try {
    writeFileSync(path, JSON.stringify(content), { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function removeStale(path: string): void {
  try {
    unlinkSync(path); // its process is gone
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function inUse(dataDir: string, owner: LockContent): CodedError {
  const where = owner.url ? `, ${owner.url}` : '';
  return new CodedError(
    'data_dir_in_use',
    `DATA_DIR ${dataDir} is in use by another Switchboard (pid ${owner.pid}${where}); stop it or use another DATA_DIR`,
  );
}

/** Takes DATA_DIR for this process or throws `data_dir_in_use` naming the owner. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  let content: LockContent = {
    pid: process.pid,
    token: randomUUID(),
    url: null,
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; !tryCreate(path, content); attempt++) {
    const owner = readLock(path);
    if (owner && isAlive(owner.pid)) throw inUse(dataDir, owner);
    if (attempt >= 2) throw new CodedError('data_dir_in_use', `DATA_DIR ${dataDir}: cannot take ${path}`);
    removeStale(path);
  }
  const ours = () => readLock(path)?.token === content.token;
  return {
    setUrl(url) {
      if (!ours()) return;
      content = { ...content, url };
      const next = `${path}.${process.pid}`;
      writeFileSync(next, JSON.stringify(content), { mode: PRIVATE_FILE_MODE });
      renameSync(next, path); // atomic: a reader sees the old content or the new, never half of it
    },
    release() {
      if (ours()) unlinkSync(path);
    },
  };
}
