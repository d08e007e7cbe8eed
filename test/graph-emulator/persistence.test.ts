// Issue 7 item 2: an emulator given a data directory keeps what it holds across a restart.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { bearer, graph, startReceiver, tokenRequest, type Receiver } from './helpers';

const USER = 'user-1';
const APP = 'switchboard-app';

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describe('graph emulator: state kept under a data directory', () => {
  let dataDir: string;
  let clock: FakeClock;
  let receiver: Receiver;
  const running: GraphEmulator[] = [];
  const start = async (dir = dataDir): Promise<GraphEmulator> => {
    const emu = await startGraphEmulator({ clock, dataDir: dir, token: 'app-token' });
    running.push(emu);
    return emu;
  };
  const stop = (emu: GraphEmulator): Promise<void> => {
    running.splice(running.indexOf(emu), 1);
    return emu.close();
  };
  const redeem = (emu: GraphEmulator, refreshToken: string) =>
    tokenRequest(emu, { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'app-1' });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'emulator-state-'));
    clock = new FakeClock();
    receiver = await startReceiver();
  });
  afterEach(async () => {
    for (const emu of running.splice(0)) await emu.close();
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restores sessions, presence, issued tokens, subscriptions and the SSO key after a restart', async () => {
    const first = await start();
    const set = await graph(
      first,
      'POST',
      `/users/${USER}/presence/setPresence`,
      { sessionId: APP, availability: 'Busy', activity: 'InACall', expirationDuration: 'PT1H' },
      bearer('app-token'),
    );
    assert.equal(set.status, 200);
    first.setClientPresence(USER, { availability: 'Away', activity: 'Away' });
    const issued = (await redeem(first, first.issueDelegatedRefreshToken('sync@contoso.com'))).json as Tokens;
    const sub = await graph(
      first,
      'POST',
      '/subscriptions',
      {
        changeType: 'updated',
        notificationUrl: receiver.url,
        resource: `/communications/presences/${USER}`,
        expirationDateTime: new Date(clock.now() + 30 * 60_000).toISOString(),
        clientState: 'state-1',
      },
      bearer(issued.access_token),
    );
    assert.equal(sub.status, 201);
    const subId = (sub.json as { id: string }).id;
    const jwks = (await (await fetch(`${first.origin}/common/discovery/v2.0/keys`)).json()) as unknown;
    const before = first.presenceOf(USER);
    await stop(first);

    const second = await start();
    assert.deepEqual(second.presenceOf(USER), before);
    assert.equal(before.activity, 'InACall');
    assert.deepEqual(
      second.sessionsOf(USER).map((s) => s.sessionId),
      [APP],
    );
    const read = await graph(
      second,
      'GET',
      `/subscriptions/${subId}`,
      undefined,
      bearer(issued.access_token),
    );
    assert.equal(read.status, 200, 'the access token issued before the restart still works');
    assert.equal((read.json as { clientState: string }).clientState, 'state-1');
    assert.equal((await redeem(second, issued.refresh_token)).status, 200, 'the rotated refresh token works');
    assert.deepEqual(await (await fetch(`${second.origin}/common/discovery/v2.0/keys`)).json(), jwks);

    second.setClientPresence(USER, { availability: 'DoNotDisturb', activity: 'Presenting' });
    const [note] = (await receiver.waitFor(1)) as { value: { subscriptionId: string }[] }[];
    assert.equal(note?.value[0]?.subscriptionId, subId, 'the restored subscription notifies');
  });

  it('lets sessions that expired while it was down expire', async () => {
    const first = await start();
    await graph(
      first,
      'POST',
      `/users/${USER}/presence/setPresence`,
      { sessionId: APP, availability: 'Busy', activity: 'InACall', expirationDuration: 'PT5M' },
      bearer('app-token'),
    );
    await stop(first);
    clock.advance(6 * 60_000);
    const second = await start();
    assert.equal(second.presenceOf(USER).availability, 'Offline');
    assert.deepEqual(second.sessionsOf(USER), []);
  });

  it('writes nothing without a data directory and keeps one file with it', async () => {
    const memory = await startGraphEmulator({ clock });
    running.push(memory);
    memory.issueDelegatedRefreshToken('a@contoso.com');
    assert.equal(existsSync(join(dataDir, 'emulator.json')), false);
    const kept = await start();
    kept.issueDelegatedRefreshToken('a@contoso.com');
    const saved = JSON.parse(readFileSync(join(dataDir, 'emulator.json'), 'utf8')) as { version: number };
    assert.equal(saved.version, 1);
  });

  it('refuses to start on a damaged state file, naming it', async () => {
    const file = join(dataDir, 'emulator.json');
    writeFileSync(file, '{"version":1,');
    await assert.rejects(start(), new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not JSON`));
    writeFileSync(file, JSON.stringify({ version: 1, presence: {} }));
    await assert.rejects(start(), /is not valid at presence\.lastStamp/);
  });
});
