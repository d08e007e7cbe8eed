// Issue 7 item 6: what a newcomer sees on `npm start` in local mode: no DEP0111 warning, the log (stdout)
// apart from the guide (stderr), the guide linking before it sends, GET / answering, the bound address named.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readableLine } from '../../bot/logger';
import { startChild, type Child } from '../support/child-switchboard';
import { eventually } from '../support/switchboard-fixture';

describe('first run in local mode', function () {
  this.timeout(90_000);
  let dataDir: string;
  let child: Child | undefined;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-first-'));
  });
  afterEach(async () => {
    child?.process.kill('SIGTERM');
    await child?.exited;
    child = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string> = {}) =>
    startChild({ PORT: '0', DATA_DIR: dataDir, EMULATOR_PORT: '0', ADMIN_API_KEY: 'local-admin', ...env });

  it('keeps the JSON log on stdout, a plain guide on stderr that links before it sends, and answers GET /', async () => {
    child = await start();
    await eventually(() => child?.streams().stderr.includes('switchboard-cc presence') ?? false);
    const { stdout, stderr } = child.streams();
    const logLines = stdout.split('\n').filter((l) => l !== '');
    for (const line of logLines) assert.doesNotThrow(() => JSON.parse(line) as unknown, line);
    const running = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.url);
    assert.match(String(running?.address), /^0\.0\.0\.0:\d+$/);
    assert.equal(stderr.includes('{"level"'), false, 'no log line in the guide');
    assert.equal(stderr.includes('DEP0111'), false, stderr);
    const link = stderr.indexOf('npx switchboard-cc link A100');
    const send = stderr.indexOf('npx switchboard-cc send agent.state --agent A100');
    assert.ok(link > 0 && send > link, stderr);
    await assertLanding(child.url);
  });

  it('binds the HOST given and says so', async () => {
    child = await start({ HOST: '127.0.0.1' });
    assert.match(child.output(), /"address":"127\.0\.0\.1:\d+"/);
  });
});

async function assertLanding(url: string): Promise<void> {
  const res = await fetch(`${url}/`);
  assert.equal(res.status, 200);
  const body = (await res.json()) as { service: string; links: Record<string, { path: string }> };
  assert.equal(body.service, 'switchboard');
  assert.equal(body.links.health?.path, '/healthz');
  assert.equal((await fetch(`${url}${body.links.health?.path}`)).status, 200);
}

describe('the log on a terminal', () => {
  it('reads as one short line: time, level, message, fields', () => {
    const time = new Date(2026, 11, 1, 19, 40, 1).getTime();
    const json = JSON.stringify({
      level: 30,
      time,
      url: 'http://127.0.0.1:3978',
      msg: 'Switchboard is running',
    });
    assert.equal(readableLine(json), '19:40:01 INFO  Switchboard is running  url=http://127.0.0.1:3978\n');
    const warn = JSON.stringify({ level: 40, time, msg: 'slow', detail: 'two words', n: 3 });
    assert.equal(readableLine(warn), '19:40:01 WARN  slow  detail="two words"  n=3\n');
  });
});
