// A person's "On a call" (user.presence onCall) is our presence session like an agent's: refreshed before it
// expires while the person stays onCall, on a clock shared by Switchboard and the emulator (issue #10).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../../bot/app';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { parseConfig } from '../../src/config';
import { silentLogger } from '../../src/ports/logger.port';
import { FakeClock } from '../support/fake-clock';
import { eventually } from '../support/switchboard-fixture';

const MINUTE = 60_000;

describe("a person's On a call session keep-alive (fake clock)", () => {
  let clock: FakeClock;
  let emulator: GraphEmulator;
  let app: RunningSwitchboard;
  let dataDir: string;
  let user: string;

  beforeEach(async () => {
    clock = new FakeClock(Date.now());
    emulator = await startGraphEmulator({ token: 't', clock });
    user = emulator.seedUsers([{ userPrincipalName: 'cy@contoso.com', displayName: 'Cy' }])[0]!.id;
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-person-'));
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
  });
  afterEach(async () => {
    await app.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(presence: string): Promise<void> {
    const event = {
      id: `up-${randomUUID()}`,
      type: 'user.presence',
      occurredAt: new Date(clock.now()).toISOString(),
      email: 'Cy@Contoso.com',
      presence,
    };
    const body = JSON.stringify(event);
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders('s', body, clock.now() / 1000),
    };
    assert.equal((await fetch(`${app.url}/api/cc/events`, { method: 'POST', headers, body })).status, 202);
    await app.engine.idle();
  }

  async function advanceMinutes(n: number): Promise<void> {
    for (let i = 0; i < n; i++) {
      clock.advance(MINUTE);
      await new Promise((resolve) => setImmediate(resolve));
      await app.engine.idle();
    }
  }

  it('keeps On a call for 45 minutes of onCall, then lets Teams show the user again', async () => {
    // Not in the directory yet (no refresh has run): the user is found through Graph by UPN.
    await send('onCall');
    await eventually(() => emulator.presenceOf(user).activity === 'InACall');
    await advanceMinutes(45);
    assert.equal(emulator.presenceOf(user).activity, 'InACall');
    const sets = emulator.requests().filter((r) => r.path.endsWith('/setPresence')).length;
    assert.ok(sets >= 6 && sets <= 10, `a refresh about every 5-6 minutes, got ${sets} in 45 min`);
    await send('Available');
    await eventually(() => emulator.sessionsOf(user).length === 0);
  });
});
