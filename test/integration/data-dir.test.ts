// Issue 7 item 3 (one owner per embedded store) and issue 6 item 9 (DATA_DIR readable by its user only).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_FILE } from '../../bot/data-dir-lock';
import { startChild } from '../support/child-switchboard';
import { runToExit } from '../support/run-to-exit';
import { startSwitchboard } from '../../bot/app';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/ports/logger.port';

// Local mode in-process: the one that writes every kind of file (database, webhook secret, token key, lock).
const startLocal = (dataDir: string) =>
  startSwitchboard(parseConfig(localEnv(dataDir)), { logger: silentLogger, host: '127.0.0.1' });
const LOCAL_FILES = [
  'cc-webhook-secret',
  'switchboard.db',
  'switchboard.db-wal',
  'sync-token-key',
  LOCK_FILE,
];

const mode = (path: string) => statSync(path).mode & 0o777;
const localEnv = (dataDir: string) => ({ PORT: '0', DATA_DIR: dataDir, EMULATOR_PORT: '0' });

describe('DATA_DIR', function () {
  this.timeout(90_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-dir-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses a second process on the same DATA_DIR with one line naming the first', async () => {
    const first = await startChild(localEnv(dataDir));
    try {
      const second = await runToExit(localEnv(dataDir));
      assert.equal(second.code, 1);
      assert.equal(second.stdout, '');
      assert.equal(
        second.stderr,
        `switchboard: DATA_DIR ${dataDir} is in use by another Switchboard (pid ${first.process.pid}, ` +
          `${first.url}); stop it or use another DATA_DIR\n`,
      );
      assert.equal((await fetch(`${first.url}/healthz`)).status, 200, 'the first one is untouched');
    } finally {
      first.process.kill('SIGTERM');
      assert.equal(await first.exited, 0);
    }
    assert.equal(readdirSync(dataDir).includes(LOCK_FILE), false, 'released on a clean stop');
  });

  it('takes over the lock of a process that died', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const deadPid = Number(dead.stdout);
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify({ pid: deadPid, token: 'old', url: null }));
    const child = await startChild(localEnv(dataDir));
    try {
      const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number; url: string };
      assert.deepEqual([lock.pid, lock.url], [child.process.pid, child.url]);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });

  it('creates a fresh DATA_DIR 0700 with every file in it 0600', async () => {
    const dir = join(dataDir, 'fresh', 'data');
    const app = await startLocal(dir);
    try {
      assert.equal(mode(dir), 0o700);
      const files = readdirSync(dir).sort();
      for (const name of LOCAL_FILES) assert.ok(files.includes(name), `${name} in ${files.join(', ')}`);
      for (const name of files) assert.equal(mode(join(dir, name)), 0o600, name);
    } finally {
      await app.close();
    }
  });

  it('tightens an existing install made 0755/0644 at start-up', async () => {
    await (await startLocal(dataDir)).close();
    chmodSync(dataDir, 0o755);
    for (const name of readdirSync(dataDir)) chmodSync(join(dataDir, name), 0o644);
    const again = await startLocal(dataDir);
    try {
      assert.equal(mode(dataDir), 0o700);
      const files = readdirSync(dataDir);
      for (const name of [...LOCAL_FILES, 'switchboard.db-shm'])
        assert.ok(files.includes(name), `${name} in ${files.join(', ')}`);
      for (const name of files) assert.equal(mode(join(dataDir, name)), 0o600, name);
    } finally {
      await again.close();
    }
  });
});
