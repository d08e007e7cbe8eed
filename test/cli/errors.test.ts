// Issue 7 item 4: every CLI error is one readable line with exit code 1, and the CLI finds the emulator
// through EMULATOR_PORT (also from .env) when no runtime file says where it is. The CLI runs are started
// together in `before` (each is a separate process) and each case checks its own.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { freePort } from '../support/free-port';
import { oneLineError, runCli, type CliRun } from './run-cli';

describe('switchboard-cc errors', function () {
  this.timeout(60_000);
  let cwd: string;
  let staleDir: string;
  let busy: Server;
  let busyPort: number;
  let deadPort: number;
  let emulator: GraphEmulator;
  let runs: Record<string, CliRun>;

  before(async () => {
    cwd = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
    deadPort = await freePort();
    const emulatorPort = await freePort();
    emulator = await startGraphEmulator({ port: emulatorPort });
    emulator.setClientPresence('U', { availability: 'Away', activity: 'Away' });
    writeFileSync(join(cwd, '.env'), `EMULATOR_PORT=${emulatorPort}\n`);
    staleDir = join(cwd, 'stale');
    mkdirSync(staleDir);
    const left = { url: 'http://127.0.0.1:1', emulatorUrl: null, presenceSessionId: 's', startedAt: '' };
    // Above the largest pid Linux hands out, so certainly not running.
    writeFileSync(join(staleDir, 'runtime.json'), JSON.stringify({ ...left, pid: 2 ** 22 + 7 }));
    const send = ['send', 'agent.state', '--agent', 'A1', '--state', 'Busy', '--secret', 's'];
    const cases: Record<string, { args: string[]; env?: Record<string, string> }> = {
      unknown: { args: ['frob'] },
      bareSend: { args: ['send'] },
      notRunning: { args: send, env: { PORT: String(deadPort) } },
      stale: { args: [...send, '--data-dir', staleDir], env: { PORT: String(deadPort) } },
      busyPort: { args: ['listen', '--port', String(busyPort), '--secret', 's'] },
      badPort: { args: ['listen', '--port', 'abc', '--secret', 's'] },
      badAvailability: { args: ['teams', 'U', 'Bussy', 'InACall'] },
      badActivity: { args: ['teams', 'U', 'Busy', 'InACal'] },
      unknownOption: { args: ['status', 'A1', '--wat'] },
      refused: { args: ['teams', 'U', 'Busy', 'InACall', '--graph', `${emulator.origin}/nowhere`] },
      fromDotEnv: { args: ['presence', 'U'] },
    };
    const entries = Object.entries(cases);
    const done = await Promise.all(entries.map(([, c]) => runCli(c.args, c.env ?? {}, cwd)));
    runs = Object.fromEntries(entries.map(([name], i) => [name, done[i] as CliRun]));
  });
  after(async () => {
    busy.close();
    await emulator.close();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('says an unknown command is unknown, then shows help', () => {
    assert.equal(oneLineError(runs.unknown!), 'switchboard-cc: unknown command "frob"');
    assert.match(runs.unknown!.stdout, /send agent\.state/);
  });

  it('says what a bare send needs', () => {
    assert.match(
      oneLineError(runs.bareSend!),
      /^switchboard-cc: send needs an event type: agent\.state, agent\.upsert, agent\.remove, chat\.message, chat\.edit or chat\.delete/,
    );
  });

  it('names the URL it tried and hints at npm start when the service is not running', () => {
    const line = oneLineError(runs.notRunning!);
    const tried = `switchboard-cc: cannot reach Switchboard at http://127.0.0.1:${deadPort}`;
    assert.ok(line.startsWith(`${tried} (is npm start running?`), line);
    assert.match(line, /no runtime file in \.\/data/);
  });

  it('ignores a runtime file left by a process that has stopped, and says so', () => {
    const line = oneLineError(runs.stale!);
    assert.ok(line.includes(`http://127.0.0.1:${deadPort}`), line);
    assert.match(line, /runtime\.json is left from process \d+, which has stopped/);
  });

  it('says a busy port is in use for listen', () => {
    assert.equal(
      oneLineError(runs.busyPort!),
      `switchboard-cc: port ${busyPort} is in use; pick another with --port`,
    );
  });

  it('refuses a port that is not a number', () => {
    assert.equal(
      oneLineError(runs.badPort!),
      'switchboard-cc: --port must be an integer from 0 to 65535 (got "abc")',
    );
  });

  it('refuses a Teams presence it does not know, naming the valid values', () => {
    assert.match(
      oneLineError(runs.badAvailability!),
      /^switchboard-cc: availability must be one of Available, .*Busy.* \(got "Bussy"\)$/,
    );
    assert.match(oneLineError(runs.badActivity!), /activity must be one of .*InACall.* \(got "InACal"\)$/);
    assert.equal(emulator.presenceOf('U').availability, 'Away', 'nothing was sent');
  });

  it('names an unknown option in one line', () => {
    assert.equal(
      oneLineError(runs.unknownOption!),
      "switchboard-cc: Unknown option '--wat' (see switchboard-cc help)",
    );
  });

  it('explains a refusal by the server in one line', () => {
    assert.match(
      oneLineError(runs.refused!),
      /^switchboard-cc: the Graph emulator answered 404: not_found: /,
    );
  });

  it('uses EMULATOR_PORT from .env when there is no runtime file', () => {
    assert.equal(runs.fromDotEnv!.code, 0, runs.fromDotEnv!.stderr);
    assert.equal(runs.fromDotEnv!.stdout.split('\n')[0], "Teams: Away (the user's Teams client)");
  });
});
