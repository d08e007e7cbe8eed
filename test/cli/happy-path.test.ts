// Issue 7 item 4: the CLI against a running local service, finding it (and the emulator on a port that is
// not 4000) only through --data-dir, printing what a person reads, and --json for scripts.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, newTeamsUserId } from '../support/switchboard-fixture';
import { ADMIN_KEY, localEnv, startLocal, type LocalService } from './local-service';
import { runCli } from './run-cli';

describe('switchboard-cc against a running local service', function () {
  this.timeout(90_000);
  let cwd: string;
  let dataDir: string;
  let service: LocalService | null = null;
  beforeEach(() => {
    cwd = mkdtempSync(join(tmpdir(), 'switchboard-cli-'));
    dataDir = join(cwd, 'service-data');
  });
  afterEach(async () => {
    await service?.stop();
    service = null;
    rmSync(cwd, { recursive: true, force: true });
  });

  const cli = async (...args: string[]) => {
    const run = await runCli([...args, '--data-dir', dataDir], { ADMIN_API_KEY: ADMIN_KEY }, cwd);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
    assert.equal(run.stderr, '');
    return run.stdout.trimEnd().split('\n');
  };

  it('links, sends, and shows presence and status in words and as JSON', async () => {
    const user = newTeamsUserId();
    service = await startLocal(await localEnv(dataDir));
    assert.deepEqual(await cli('link', 'A100', user), [`Linked agent A100 to Teams user ${user}`]);
    const [accepted] = await cli('send', 'agent.state', '--agent', 'A100', '--state', 'Busy');
    assert.match(accepted ?? '', /^Accepted agent\.state for A100 → Busy \(event [0-9a-f-]{36}\)$/);

    const ourSession = /^Teams: Busy \/ In a call \(our session, expires \d\d:\d\d\)$/;
    const teams = () => fetch(`${service?.emulator}/_emulator/users/${user}`).then((r) => r.json());
    await eventually(async () => ((await teams()) as { sessions: unknown[] }).sessions.length > 0, 20_000);
    const presence = await cli('presence', user);
    assert.match(presence[0] ?? '', ourSession);
    assert.match(presence[1] ?? '', /^ {2}our session: Busy \/ In a call, expires \d\d:\d\d$/);
    const raw = JSON.parse((await cli('presence', user, '--json')).join('\n')) as {
      presence: { activity: string };
    };
    assert.equal(raw.presence.activity, 'InACall');

    const status = await cli('status', 'A100');
    assert.equal(status[0], 'Agent A100: contact center Busy');
    assert.match(status[1] ?? '', ourSession);
    assert.equal(status[2], `Linked to Teams user ${user}`);
    const rawStatus = JSON.parse((await cli('status', 'A100', '--json')).join('\n')) as { ccState: string };
    assert.equal(rawStatus.ccState, 'Busy');

    assert.ok(existsSync(join(dataDir, 'runtime.json')));
    assert.equal(await service.stop(), 0);
    service = null;
    assert.equal(existsSync(join(dataDir, 'runtime.json')), false, 'a clean close removes the runtime file');
  });
});
