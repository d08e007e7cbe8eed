// `npm run emulator` prints the settings that point Switchboard at it. Following that hint as printed must
// start Switchboard (it once left out CC_WEBHOOK_SECRET, which Graph settings make required: issue 7), and
// the printed secret is the one a contact center then signs with.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startChild, type Child } from '../support/child-switchboard';

/** Starts the standalone emulator as `npm run emulator` does and resolves with everything it printed first. */
function startEmulator(): Promise<{ process: ChildProcess; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/adapters/graph-emulator/main.ts'], {
    env: { PATH: process.env.PATH ?? '', EMULATOR_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start:\n${output}`)), 15_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (/Control routes:/.test(output)) {
        clearTimeout(timer);
        resolve({ process: child, output });
      }
    });
    child.on('exit', (code) => reject(new Error(`emulator exited (${code}):\n${output}`)));
  });
}

/** The NAME=value pairs of the printed `… npm start` command (continued over lines with `\`). */
function hintedSettings(output: string): Record<string, string> {
  const command = /Point Switchboard at it[^\n]*\n((?:.*\\\n)*.*npm start)/.exec(output)?.[1];
  assert.ok(command, `the emulator prints an npm start command:\n${output}`);
  return Object.fromEntries([...command.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

describe('docs: the hint `npm run emulator` prints', function () {
  this.timeout(40_000);
  let emulator: ChildProcess | undefined;
  let switchboard: Child | undefined;
  let dataDir: string;

  afterEach(() => {
    switchboard?.process.kill('SIGTERM');
    emulator?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts Switchboard against the emulator, taking events signed with the printed secret', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-hint-'));
    const started = await startEmulator();
    emulator = started.process;
    const settings = hintedSettings(started.output);
    assert.deepEqual(Object.keys(settings).sort(), [
      'AZURE_AUTHORITY_HOST',
      'CC_WEBHOOK_SECRET',
      'GRAPH_BASE_URL',
      'GRAPH_TOKEN',
    ]);
    switchboard = await startChild({ ...settings, PORT: '0', DATA_DIR: dataDir });
    assert.doesNotMatch(switchboard.output(), /Local mode/, 'it runs against the standalone emulator');
    assert.equal((await fetch(`${switchboard.url}/healthz`)).status, 200);
    const body = JSON.stringify({
      id: 'hint-1',
      type: 'agent.state',
      occurredAt: new Date().toISOString(),
      agentId: 'A100',
      state: 'Busy',
    });
    const res = await fetch(`${switchboard.url}/api/cc/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signatureHeaders(settings.CC_WEBHOOK_SECRET!, body, Date.now() / 1000),
      },
      body,
    });
    assert.equal(res.status, 202, await res.text());
  });
});
