// The emulator's status messages and preferred presence as Microsoft Learn documents them
// (presence-setstatusmessage, presence-setuserpreferredpresence, presence-clearuserpreferredpresence).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { call, graph } from './helpers';

const USER = 'fa8bf3dc-eca7-46b7-bad1-db199b62afc3';

interface GraphErrorBody {
  error: { code: string; message: string };
}
interface PresenceBody {
  availability: string;
  activity: string;
  statusMessage: { message: { content: string; contentType: string } } | null;
}

describe('graph emulator: status messages and preferred presence', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock(Date.parse('2026-12-01T10:00:00.000Z'));
    emu = await startGraphEmulator({ clock, quota: { requests: 5, windowSeconds: 30 } });
  });
  afterEach(() => emu.close());

  const setMessage = (statusMessage: unknown) =>
    graph(emu, 'POST', `/users/${USER}/presence/setStatusMessage`, { statusMessage });

  it('sets the documented example, shows it in GET presence without its dates, and expires it', async () => {
    const res = await setMessage({
      message: { content: 'On break, back soon', contentType: 'text' },
      expiryDateTime: { dateTime: '2026-12-01T10:30:00.0000000', timeZone: 'UTC' },
    });
    assert.equal(res.status, 200);
    const read = await graph(emu, 'GET', `/users/${USER}/presence`);
    assert.deepEqual((read.json as PresenceBody).statusMessage, {
      message: { content: 'On break, back soon', contentType: 'text' },
    });
    assert.deepEqual(emu.statusMessageOf(USER), {
      content: 'On break, back soon',
      expiresAt: Date.parse('2026-12-01T10:30:00.000Z'),
    });
    const details = (await call(`${emu.origin}/_emulator/users/${USER}`, 'GET')).json as {
      statusMessage: { expiryDateTime: { dateTime: string; timeZone: string } };
    };
    assert.deepEqual(details.statusMessage.expiryDateTime, {
      dateTime: '2026-12-01T10:30:00.0000000',
      timeZone: 'UTC',
    });
    clock.advance(30 * 60_000);
    assert.equal(emu.statusMessageOf(USER), null);
    assert.equal(
      ((await graph(emu, 'GET', `/users/${USER}/presence`)).json as PresenceBody).statusMessage,
      null,
    );
  });

  it('keeps a message without expiry until an empty message clears it; availability is untouched', async () => {
    assert.equal((await setMessage({ message: { content: 'Wrap-up', contentType: 'text' } })).status, 200);
    clock.advance(7 * 86_400_000);
    assert.deepEqual(emu.statusMessageOf(USER), { content: 'Wrap-up' });
    assert.equal(emu.presenceOf(USER).availability, 'Offline');
    assert.equal((await setMessage({ message: { content: '', contentType: 'text' } })).status, 200);
    assert.equal(emu.statusMessageOf(USER), null);
  });

  const invalid: [string, unknown][] = [
    ['no statusMessage', undefined],
    ['a message that is not an itemBody', { message: 'hi' }],
    ['html content', { message: { content: '<b>hi</b>', contentType: 'html' } }],
    [
      'an expiry with an offset',
      { message: { content: 'x' }, expiryDateTime: { dateTime: '2026-12-01T10:30:00Z', timeZone: 'UTC' } },
    ],
    [
      'an expiry without a time zone',
      { message: { content: 'x' }, expiryDateTime: { dateTime: '2026-12-01T10:30:00' } },
    ],
  ];
  for (const [what, body] of invalid) {
    it(`answers 400 BadRequest in Graph's error shape for ${what}`, async () => {
      const res = await setMessage(body);
      assert.equal(res.status, 400);
      assert.equal((res.json as GraphErrorBody).error.code, 'BadRequest');
      assert.equal(emu.statusMessageOf(USER), null);
    });
  }

  it('counts status messages and preferred presence against the presence quota', async () => {
    for (let i = 0; i < 5; i += 1) {
      assert.equal((await setMessage({ message: { content: `m${i}`, contentType: 'text' } })).status, 200);
    }
    const throttled = await graph(emu, 'POST', `/users/${USER}/presence/clearUserPreferredPresence`, {});
    assert.equal(throttled.status, 429);
    assert.ok(throttled.headers.get('retry-after'));
  });

  it('shows Offline/OffWork over a signed-in Teams client while preferred, and the client again once cleared', async () => {
    emu.setClientPresence(USER, { availability: 'Available', activity: 'Available' });
    const set = await graph(emu, 'POST', `/users/${USER}/presence/setUserPreferredPresence`, {
      availability: 'Offline',
      activity: 'OffWork',
    });
    assert.equal(set.status, 200);
    const read = (await graph(emu, 'GET', `/users/${USER}/presence`)).json as PresenceBody;
    assert.deepEqual([read.availability, read.activity], ['Offline', 'OffWork']);
    // Default expiry for Offline: 7 days.
    clock.advance(6 * 86_400_000);
    assert.equal(emu.presenceOf(USER).activity, 'OffWork');
    await graph(emu, 'POST', `/users/${USER}/presence/clearUserPreferredPresence`, {});
    assert.equal(emu.presenceOf(USER).availability, 'Available');
  });

  it('refuses a preferred pair Graph does not allow', async () => {
    const res = await graph(emu, 'POST', `/users/${USER}/presence/setUserPreferredPresence`, {
      availability: 'Offline',
      activity: 'Offline',
    });
    assert.equal(res.status, 400);
    assert.match((res.json as GraphErrorBody).error.message, /Offline\/OffWork/);
  });

  it('keeps a status message across a restart with a data directory', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'emulator-rich-'));
    try {
      const first = await startGraphEmulator({ clock, dataDir });
      await graph(first, 'POST', `/users/${USER}/presence/setStatusMessage`, {
        statusMessage: { message: { content: 'Wrap-up', contentType: 'text' } },
      });
      await first.close();
      const second = await startGraphEmulator({ clock, dataDir });
      assert.deepEqual(second.statusMessageOf(USER), { content: 'Wrap-up' });
      await second.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
