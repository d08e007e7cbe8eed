// Issue 7 item 4: every CLI error is one readable line with exit code 1, and the CLI finds the emulator
// through EMULATOR_PORT (also from .env) when no runtime file says where it is.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator } from '../../src/adapters/graph-emulator';
import { freePort } from '../support/free-port';
import { oneLineError, runCli } from './run-cli';

describe('switchboard-cc errors', function () {
  this.timeout(30_000);
  let cwd: string;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
  });
  afterEach(() => rmSync(cwd, { recursive: true, force: true }));

  it('says an unknown command is unknown, then shows help', async () => {
    const run = await runCli(['frob'], {}, cwd);
    assert.equal(oneLineError(run), 'switchboard-cc: unknown command "frob"');
    assert.match(run.stdout, /send agent\.state/);
  });

  it('says what a bare send needs', async () => {
    const line = oneLineError(await runCli(['send'], {}, cwd));
    assert.match(
      line,
      /^switchboard-cc: send needs an event type: agent\.state, agent\.upsert or agent\.remove/,
    );
  });

  it('names the URL it tried and hints at npm start when the service is not running', async () => {
    const port = await freePort();
    const run = await runCli(
      ['send', 'agent.state', '--agent', 'A1', '--state', 'Busy', '--secret', 's'],
      {
        PORT: String(port),
      },
      cwd,
    );
    const line = oneLineError(run);
    assert.ok(
      line.startsWith(
        `switchboard-cc: cannot reach Switchboard at http://127.0.0.1:${port} (is npm start running?`,
      ),
      line,
    );
    assert.match(line, /no runtime file in \.\/data/);
  });

  it('says a busy port is in use for listen', async () => {
    const busy: Server = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const { port } = busy.address() as { port: number };
    try {
      const line = oneLineError(await runCli(['listen', '--port', String(port), '--secret', 's'], {}, cwd));
      assert.equal(line, `switchboard-cc: port ${port} is in use; pick another with --port`);
    } finally {
      busy.close();
    }
  });

  it('refuses a port that is not a number', async () => {
    const line = oneLineError(await runCli(['listen', '--port', 'abc', '--secret', 's'], {}, cwd));
    assert.equal(line, 'switchboard-cc: --port must be an integer from 0 to 65535 (got "abc")');
  });

  it('refuses a Teams presence it does not know, naming the valid values', async () => {
    const line = oneLineError(await runCli(['teams', 'U', 'Bussy', 'InACall'], {}, cwd));
    assert.match(line, /^switchboard-cc: availability must be one of Available, .*Busy.* \(got "Bussy"\)$/);
    const activity = oneLineError(await runCli(['teams', 'U', 'Busy', 'InACal'], {}, cwd));
    assert.match(activity, /activity must be one of .*InACall.* \(got "InACal"\)$/);
  });

  it('names an unknown option in one line', async () => {
    assert.equal(
      oneLineError(await runCli(['status', 'A1', '--wat'], {}, cwd)),
      "switchboard-cc: Unknown option '--wat' (see switchboard-cc help)",
    );
  });

  it('explains a refusal by the server in one line', async () => {
    const emulator = await startGraphEmulator();
    try {
      const run = await runCli(['presence', 'U', '--graph', emulator.origin, '--json'], {}, cwd);
      assert.equal(run.code, 0);
      const refused = await runCli(
        ['teams', 'U', 'Busy', 'InACall', '--graph', `${emulator.origin}/nowhere`],
        {},
        cwd,
      );
      assert.match(oneLineError(refused), /^switchboard-cc: the Graph emulator answered 404: not_found: /);
    } finally {
      await emulator.close();
    }
  });

  it('uses EMULATOR_PORT from .env when there is no runtime file', async () => {
    const port = await freePort();
    const emulator = await startGraphEmulator({ port });
    try {
      writeFileSync(join(cwd, '.env'), `EMULATOR_PORT=${port}\n`);
      emulator.setClientPresence('U', { availability: 'Away', activity: 'Away' });
      const run = await runCli(['presence', 'U'], {}, cwd);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stdout.split('\n')[0], "Teams: Away (the user's Teams client)");
    } finally {
      await emulator.close();
    }
  });

  it('ignores a runtime file left by a process that has stopped, and says so', async () => {
    const dataDir = join(cwd, 'data');
    const port = await freePort();
    const left = {
      url: 'http://127.0.0.1:1',
      emulatorUrl: null,
      presenceSessionId: 's',
      pid: 2 ** 22 + 7,
      startedAt: '',
    };
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'runtime.json'), JSON.stringify(left));
    const run = await runCli(
      ['send', 'agent.remove', '--agent', 'A1', '--secret', 's'],
      { PORT: String(port) },
      cwd,
    );
    const line = oneLineError(run);
    assert.ok(line.includes(`http://127.0.0.1:${port}`), line);
    assert.match(line, /runtime\.json is left from process \d+, which has stopped/);
  });
});
