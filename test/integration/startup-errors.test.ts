// Issue 7 item 5: each bad setting stops start-up with exit 1 and exactly one readable line naming it, with
// nothing left listening (DATA_DIR=/proc/nope used to hang with the port open).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { runToExit } from '../support/run-to-exit';

interface Case {
  readonly name: string;
  readonly env: (dir: string, busyPort: number) => Record<string, string>;
  /** The line must name this, and must not contain `secret`. */
  readonly names: string | ((busyPort: number) => string);
  readonly secret?: string;
}

const CASES: readonly Case[] = [
  { name: 'LOG_LEVEL=loud', env: () => ({ LOG_LEVEL: 'loud' }), names: 'LOG_LEVEL' },
  {
    name: 'an unreachable DATABASE_URL',
    env: () => ({ DATABASE_URL: 'postgres://app:hunter2@127.0.0.1:1/switchboard' }),
    names: 'DATABASE_URL',
    secret: 'hunter2',
  },
  {
    name: 'DATA_DIR pointing at a file',
    env: (dir) => ({ DATA_DIR: join(dir, 'a-file') }),
    names: 'DATA_DIR',
  },
  { name: 'DATA_DIR=/proc/nope', env: () => ({ DATA_DIR: '/proc/nope' }), names: 'DATA_DIR' },
  {
    name: 'a PORT in use',
    env: (_dir, busy) => ({ PORT: String(busy) }),
    names: (busy) => `PORT ${busy} is already in use`,
  },
  { name: 'a HOST not on this machine', env: () => ({ HOST: '192.0.2.1' }), names: 'HOST 192.0.2.1' },
  {
    name: 'PRESENCE_SESSION_MINUTES=5',
    env: () => ({ PRESENCE_SESSION_MINUTES: '5' }),
    names: 'PRESENCE_SESSION_MINUTES',
  },
];

describe('start-up with a bad setting', function () {
  this.timeout(90_000);
  let dir: string;
  let busy: Server;
  let busyPort: number;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-bad-'));
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    busyPort = await freePort();
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(busyPort, resolve));
  });
  after(async () => {
    await new Promise((resolve) => busy.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`stops on ${c.name}: exit 1, one line naming it`, async () => {
      const env = { PORT: '0', EMULATOR_PORT: '0', DATA_DIR: join(dir, 'data'), ...c.env(dir, busyPort) };
      const result = await runToExit(env);
      assert.equal(result.code, 1, result.stderr);
      assert.equal(result.stdout, '');
      const lines = result.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, result.stderr);
      const names = typeof c.names === 'string' ? c.names : c.names(busyPort);
      assert.match(lines[0] ?? '', new RegExp(`^switchboard: .*${names}`));
      if (c.secret) assert.equal(result.stderr.includes(c.secret), false);
    });
  }
});
