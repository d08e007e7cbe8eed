// The service as a process: crash safety between accept and the Graph call, SIGTERM, bad configuration.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startGraphEmulator } from '../../src/adapters/graph-emulator';
import { startChild } from '../support/child-switchboard';
import { freePort } from '../support/free-port';
import { eventually, newTeamsUserId, stateEvent } from '../support/switchboard-fixture';

const SECRET = 'crash-secret';
const ADMIN = 'crash-admin';

describe('the service process', function () {
  // Each case starts one or two child processes (tsx start-up is several seconds on a loaded machine).
  this.timeout(90_000);
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-proc-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = (graphBaseUrl: string) => ({
    PORT: '0',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: graphBaseUrl,
    GRAPH_TOKEN: 'tok',
    CC_WEBHOOK_SECRET: SECRET,
    ADMIN_API_KEY: ADMIN,
  });

  it('makes the Graph call after a restart when killed between accept and the call', async () => {
    const user = newTeamsUserId();
    const deadGraph = `http://127.0.0.1:${await freePort()}/v1.0`;
    const first = await startChild(env(deadGraph));
    const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
    const link = await fetch(`${first.url}/api/admin/links/A100`, {
      method: 'PUT',
      headers: admin,
      body: JSON.stringify({ teamsUserId: user }),
    });
    assert.equal(link.status, 201);
    const body = JSON.stringify(stateEvent('A100', 'Busy'));
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders(SECRET, body, Date.now() / 1000),
    };
    const accepted = await fetch(`${first.url}/api/cc/events`, { method: 'POST', headers, body });
    assert.equal(accepted.status, 202);
    first.process.kill('SIGKILL');
    assert.equal(await first.exited, 'SIGKILL');

    const emulator = await startGraphEmulator({ token: 'tok' });
    const second = await startChild(env(emulator.url));
    try {
      await eventually(() => emulator.presenceOf(user).activity === 'InACall', 10_000);
    } finally {
      second.process.kill('SIGTERM');
      await second.exited;
      await emulator.close();
    }
  });

  it('serves /healthz and exits 0 on SIGTERM', async () => {
    const emulator = await startGraphEmulator({ token: 'tok' });
    const child = await startChild(env(emulator.url));
    assert.equal((await fetch(`${child.url}/healthz`)).status, 200);
    child.process.kill('SIGTERM');
    assert.equal(await child.exited, 0);
    await emulator.close();
  });

  it('stops with one line naming a bad setting', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
      env: { PATH: process.env.PATH ?? '', PORT: 'eighty', DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    assert.equal(result.status, 1);
    assert.equal(result.stderr.trim(), 'switchboard: PORT must be an integer from 0 to 65535 (got "eighty")');
  });

  it('starts in local mode with no settings at all, with the emulator and a generated secret', async () => {
    const child = await startChild({ PORT: '0', DATA_DIR: dataDir, EMULATOR_PORT: '0' });
    try {
      assert.equal((await fetch(`${child.url}/healthz`)).status, 200);
      await eventually(() => child.output().includes('CC webhook secret'));
      assert.match(child.output(), /Graph emulator: +http:\/\/127\.0\.0\.1:\d+\/v1\.0/);
      assert.match(child.output(), /CC webhook secret: +[0-9a-f]{64}/);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });
});
