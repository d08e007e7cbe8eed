// bot/runtime-file.ts: what a running service leaves in DATA_DIR for the CLI, and who may remove it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readRuntimeFile,
  removeRuntimeFile,
  runtimeFilePath,
  writeRuntimeFile,
} from '../../bot/runtime-file';

describe('runtime file', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-runtime-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const info = (pid: number) => ({
    url: 'http://127.0.0.1:3978',
    emulatorUrl: 'http://127.0.0.1:4001',
    presenceSessionId: 'app',
    pid,
    startedAt: new Date().toISOString(),
  });

  it('reads back what a live process wrote', () => {
    const written = info(process.pid);
    writeRuntimeFile(dataDir, written);
    assert.deepEqual(readRuntimeFile(dataDir), { kind: 'running', info: written });
  });

  it('is removed only by the process that wrote it', () => {
    writeRuntimeFile(dataDir, info(process.pid));
    removeRuntimeFile(dataDir, process.pid + 1);
    assert.equal(readRuntimeFile(dataDir).kind, 'running', 'another pid leaves it');
    removeRuntimeFile(dataDir, process.pid);
    assert.equal(readRuntimeFile(dataDir).kind, 'absent');
  });

  it('tells a stale file (its process gone) and an unreadable one apart from absent', () => {
    writeRuntimeFile(dataDir, info(2 ** 22 + 7));
    assert.deepEqual(readRuntimeFile(dataDir), { kind: 'stale', pid: 2 ** 22 + 7 });
    writeFileSync(runtimeFilePath(dataDir), '{"url":1}');
    assert.equal(readRuntimeFile(dataDir).kind, 'unreadable');
  });
});
