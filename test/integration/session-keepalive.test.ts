// Our presence session is refreshed before it expires while the contact-center state holds, and allowed to
// lapse once the agent is in a state that means "no change". The emulator and Switchboard share a fake clock.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../../bot/app';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/ports/logger.port';
import { FakeClock } from '../support/fake-clock';
import { eventually, newTeamsUserId, stateEvent } from '../support/switchboard-fixture';

const MINUTE = 60_000;

describe('presence session keep-alive (fake clock)', () => {
  let clock: FakeClock;
  let emulator: GraphEmulator;
  let app: RunningSwitchboard;
  let dataDir: string;
  const user = newTeamsUserId();

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    emulator = await startGraphEmulator({ token: 't', clock });
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-keepalive-'));
    const env = {
      PORT: '0',
      DATA_DIR: dataDir,
      GRAPH_BASE_URL: emulator.url,
      GRAPH_TOKEN: 't',
      CC_WEBHOOK_SECRET: 's',
      ADMIN_API_KEY: 'k',
      PRESENCE_SESSION_MINUTES: '10',
    };
    app = await startSwitchboard(parseConfig(env), { logger: silentLogger, clock, host: '127.0.0.1' });
    const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
    await fetch(`${app.url}/api/admin/links/A1`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ teamsUserId: user }),
    });
  });
  afterEach(async () => {
    await app.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(state: string): Promise<void> {
    const body = JSON.stringify(stateEvent('A1', state, { occurredAt: new Date(clock.now()).toISOString() }));
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders('s', body, clock.now() / 1000),
    };
    assert.equal((await fetch(`${app.url}/api/cc/events`, { method: 'POST', headers, body })).status, 202);
    await app.engine.idle();
  }

  /** Moves the shared clock a minute at a time, letting the keeper's runs finish in between. */
  async function advanceMinutes(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      clock.advance(MINUTE);
      await new Promise((resolve) => setImmediate(resolve));
      await app.engine.idle();
    }
  }

  it('refreshes the session before it expires for as long as the agent stays Busy', async () => {
    await send('Busy');
    await eventually(() => emulator.presenceOf(user).activity === 'InACall');
    await advanceMinutes(45);
    assert.equal(emulator.presenceOf(user).activity, 'InACall');
    const sets = emulator.requests().filter((r) => r.path.endsWith('/setPresence')).length;
    assert.ok(
      sets >= 6 && sets <= 10,
      `expected a refresh about every 5-6 minutes, got ${sets} setPresence calls in 45 min`,
    );
  });

  it('lets the session lapse after a "no change" state, so Teams falls back to the user', async () => {
    await send('Busy');
    await eventually(() => emulator.presenceOf(user).activity === 'InACall');
    await send('Wrap-up');
    await advanceMinutes(11);
    assert.equal(emulator.sessionsOf(user).length, 0);
    assert.equal(emulator.presenceOf(user).availability, 'Offline');
  });
});
