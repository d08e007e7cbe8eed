// "Accepted" means durably stored: events acknowledged by a process that is then killed outright (no close,
// no exit handlers) are pending when the database is opened again.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openSqliteStore } from '../../src/adapters/sqlite';
import { agentId } from '../../src/domain/ids';

const script = fileURLToPath(new URL('./fixtures/accept-then-wait.ts', import.meta.url));

function acceptThenKill(dataDir: string, args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let saidAccepted = false;
    // Never leave a stray child behind if it hangs before saying "accepted".
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!saidAccepted && out.includes('accepted\n')) {
        saidAccepted = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (saidAccepted && signal === 'SIGKILL') resolve(signal);
      else reject(new Error(`child ended (${code ?? signal}) without saying "accepted": ${err}`));
    });
  });
}

describe('SQLite store: crash safety', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-crash-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events accepted by a process killed right after it said "accepted"', async () => {
    assert.equal(await acceptThenKill(dir, ['A100', 'e1', 'e2', 'e3']), 'SIGKILL');
    assert.ok(fs.existsSync(path.join(dir, 'switchboard.db-wal')), 'the kill left the WAL un-checkpointed');
    const store = openSqliteStore(dir);
    try {
      const pending = await store.pendingEvents(agentId('A100'));
      assert.deepEqual(
        pending.map((p) => p.event.id),
        ['e1', 'e2', 'e3'],
      );
      assert.deepEqual(await store.agentsWithPendingEvents(), [agentId('A100')]);
    } finally {
      await store.close();
    }
  });
});
