import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { call, graph } from './helpers';

const USER = 'fa8bf3dc-eca7-46b7-bad1-db199b62afc3';
const OTHER = '66825e03-7ef5-42da-9069-724602c31f6b';
const APP = '22553876-f5ab-4529-bffb-cfe50aa89f87';

interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}

describe('graph emulator: presence writes and reads', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock });
  });
  afterEach(() => emu.close());

  it('accepts the documented setPresence example (beta root, PT1H) and keeps the session for an hour', async () => {
    const res = await call(`${emu.origin}/beta/users/${USER}/presence/setPresence`, 'POST', {
      sessionId: APP,
      availability: 'Available',
      activity: 'Available',
      expirationDuration: 'PT1H',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(emu.sessionsOf(USER), [
      {
        sessionId: APP,
        availability: 'Available',
        activity: 'Available',
        expiresAt: clock.now() + 3_600_000,
      },
    ]);
    assert.equal(emu.presenceOf(USER).availability, 'Available');
  });

  it('answers the documented getPresencesByUserId example with presence resources in request order', async () => {
    await graph(emu, 'POST', `/users/${OTHER}/presence/setPresence`, {
      sessionId: APP,
      availability: 'Away',
      activity: 'Away',
    });
    const res = await graph(emu, 'POST', '/communications/getPresencesByUserId', { ids: [USER, OTHER] });
    assert.equal(res.status, 200);
    const body = res.json as { value: Record<string, unknown>[] };
    assert.deepEqual(
      body.value.map(({ id, availability, activity }) => ({ id, availability, activity })),
      [
        { id: USER, availability: 'Offline', activity: 'Offline' },
        { id: OTHER, availability: 'Away', activity: 'Away' },
      ],
    );
    for (const p of body.value) {
      assert.equal(p.statusMessage, null);
      assert.deepEqual(p.outOfOfficeSettings, { message: null, isOutOfOffice: false });
      assert.equal(typeof p.sequenceNumber, 'string');
    }
  });

  it('serves the same resource at /users/{id}/presence and /communications/presences/{id}', async () => {
    await graph(emu, 'POST', `/users/${USER}/presence/setPresence`, {
      sessionId: APP,
      availability: 'Busy',
      activity: 'InACall',
    });
    const a = await graph(emu, 'GET', `/users/${USER}/presence`);
    const b = await graph(emu, 'GET', `/communications/presences/${USER}`);
    assert.equal(a.status, 200);
    assert.deepEqual(a.json, b.json);
    assert.equal((a.json as { activity: string }).activity, 'InACall');
  });

  const invalidWrites: [string, Record<string, unknown>][] = [
    ['Busy/Busy is not settable', { sessionId: APP, availability: 'Busy', activity: 'Busy' }],
    ['a mixed pair', { sessionId: APP, availability: 'Available', activity: 'Away' }],
    ['DoNotDisturb/DoNotDisturb', { sessionId: APP, availability: 'DoNotDisturb', activity: 'DoNotDisturb' }],
    ['a missing sessionId', { availability: 'Available', activity: 'Available' }],
    [
      'a duration under PT5M',
      { sessionId: APP, availability: 'Available', activity: 'Available', expirationDuration: 'PT4M' },
    ],
    [
      'a duration over PT4H',
      { sessionId: APP, availability: 'Available', activity: 'Available', expirationDuration: 'PT4H1M' },
    ],
    [
      'a non-ISO duration',
      { sessionId: APP, availability: 'Available', activity: 'Available', expirationDuration: '1 hour' },
    ],
  ];
  for (const [name, body] of invalidWrites) {
    it(`rejects setPresence with ${name}: 400 in Graph's error shape, nothing stored`, async () => {
      const res = await graph(emu, 'POST', `/users/${USER}/presence/setPresence`, body, {
        'client-request-id': 'req-42',
      });
      assert.equal(res.status, 400);
      const { error } = res.json as GraphErrorBody;
      assert.equal(error.code, 'BadRequest');
      assert.ok(error.message.length > 0);
      assert.equal(error.innerError['client-request-id'], 'req-42');
      assert.ok(error.innerError['request-id']);
      assert.ok(!Number.isNaN(Date.parse(error.innerError.date ?? '')));
      assert.deepEqual(emu.sessionsOf(USER), []);
    });
  }

  it('accepts the range ends PT5M and PT4H, and defaults to five minutes', async () => {
    const set = (sessionId: string, expirationDuration?: string) =>
      graph(emu, 'POST', `/users/${USER}/presence/setPresence`, {
        sessionId,
        availability: 'Available',
        activity: 'Available',
        ...(expirationDuration ? { expirationDuration } : {}),
      });
    assert.equal((await set('a', 'PT5M')).status, 200);
    assert.equal((await set('b', 'PT4H')).status, 200);
    assert.equal((await set('c')).status, 200);
    const expiries = Object.fromEntries(
      emu.sessionsOf(USER).map((s) => [s.sessionId, s.expiresAt - clock.now()]),
    );
    assert.deepEqual(expiries, { a: 300_000, b: 14_400_000, c: 300_000 });
  });

  it('takes 650 ids but rejects 651 and an empty list', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `user-${i}`);
    assert.equal(
      (await graph(emu, 'POST', '/communications/getPresencesByUserId', { ids: ids(650) })).status,
      200,
    );
    const tooMany = await graph(emu, 'POST', '/communications/getPresencesByUserId', { ids: ids(651) });
    assert.equal(tooMany.status, 400);
    assert.equal((tooMany.json as GraphErrorBody).error.code, 'BadRequest');
    assert.equal((await graph(emu, 'POST', '/communications/getPresencesByUserId', { ids: [] })).status, 400);
  });

  it('clearPresence answers 404 without a session, 200 with one, and the user goes Offline', async () => {
    const clear = () => graph(emu, 'POST', `/users/${USER}/presence/clearPresence`, { sessionId: APP });
    const missing = await clear();
    assert.equal(missing.status, 404);
    assert.equal((missing.json as GraphErrorBody).error.code, 'NotFound');
    await graph(emu, 'POST', `/users/${USER}/presence/setPresence`, {
      sessionId: APP,
      availability: 'Away',
      activity: 'Away',
    });
    assert.equal((await clear()).status, 200);
    assert.deepEqual(emu.presenceOf(USER).availability, 'Offline');
    assert.equal((await clear()).status, 404);
  });

  it('replaces a session on a second setPresence and restarts its expiry', async () => {
    const set = (availability: string, activity: string) =>
      graph(emu, 'POST', `/users/${USER}/presence/setPresence`, { sessionId: APP, availability, activity });
    await set('Available', 'Available');
    clock.advance(4 * 60_000);
    await set('Busy', 'InACall');
    clock.advance(4 * 60_000);
    assert.deepEqual(
      emu.sessionsOf(USER).map((s) => s.activity),
      ['InACall'],
    );
    assert.equal(emu.presenceOf(USER).activity, 'InACall');
    clock.advance(60_000);
    assert.equal(emu.presenceOf(USER).availability, 'Offline');
  });

  it('moves sequenceNumber forward on every change of the aggregate, and only then', async () => {
    const set = (availability: string, activity: string) =>
      graph(emu, 'POST', `/users/${USER}/presence/setPresence`, { sessionId: APP, availability, activity });
    const s0 = emu.presenceOf(USER).sequenceNumber;
    await set('Available', 'Available');
    const s1 = emu.presenceOf(USER).sequenceNumber;
    await set('Available', 'Available');
    assert.equal(emu.presenceOf(USER).sequenceNumber, s1);
    await set('Busy', 'InACall');
    const s2 = emu.presenceOf(USER).sequenceNumber;
    assert.ok(s0 < s1 && s1 < s2, `${s0} < ${s1} < ${s2}`);
  });

  it('answers unknown Graph routes with a Graph error rather than hanging or crashing', async () => {
    const res = await graph(emu, 'GET', '/me/calendar');
    assert.equal(res.status, 400);
    assert.equal((res.json as GraphErrorBody).error.code, 'BadRequest');
  });
});
