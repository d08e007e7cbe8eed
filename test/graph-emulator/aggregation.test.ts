import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { graph } from './helpers';

const USER = 'user-aggregate';
const APP_A = 'app-a';
const APP_B = 'app-b';
const MINUTE = 60_000;
const DAY = 86_400_000;

describe('graph emulator: aggregation and expiry', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock });
  });
  afterEach(() => emu.close());

  async function setSession(
    sessionId: string,
    availability: string,
    activity: string,
    expirationDuration?: string,
  ) {
    const body = { sessionId, availability, activity, ...(expirationDuration ? { expirationDuration } : {}) };
    const res = await graph(emu, 'POST', `/users/${USER}/presence/setPresence`, body);
    assert.equal(res.status, 200);
  }
  async function setPreferred(availability: string, activity: string, expirationDuration?: string) {
    const body = { availability, activity, ...(expirationDuration ? { expirationDuration } : {}) };
    return graph(emu, 'POST', `/users/${USER}/presence/setUserPreferredPresence`, body);
  }
  const shown = () => {
    const { availability, activity } = emu.presenceOf(USER);
    return `${availability}/${activity}`;
  };

  it('is Offline/Offline with no session at all', () => {
    assert.equal(shown(), 'Offline/Offline');
  });

  it('ranks DoNotDisturb > Busy > Available > Away across two apps and the Teams client', async () => {
    await setSession(APP_A, 'Away', 'Away');
    assert.equal(shown(), 'Away/Away');
    await setSession(APP_B, 'Available', 'Available');
    assert.equal(shown(), 'Available/Available');
    emu.setClientPresence(USER, { availability: 'Busy', activity: 'InAMeeting' });
    assert.equal(shown(), 'Busy/InAMeeting');
    await setSession(APP_A, 'DoNotDisturb', 'Presenting');
    assert.equal(shown(), 'DoNotDisturb/Presenting');
    await setSession(APP_A, 'Away', 'Away');
    assert.equal(shown(), 'Busy/InAMeeting');
    emu.setClientPresence(USER, null);
    assert.equal(shown(), 'Available/Available');
  });

  it('takes the activity from the most recent session when availabilities tie', async () => {
    await setSession(APP_A, 'Busy', 'InACall');
    await setSession(APP_B, 'Busy', 'InAConferenceCall');
    assert.equal(shown(), 'Busy/InAConferenceCall');
    await setSession(APP_A, 'Busy', 'InACall');
    assert.equal(shown(), 'Busy/InACall');
  });

  it('lets user-preferred presence win over sessions, and only while a session exists', async () => {
    assert.equal((await setPreferred('Away', 'Away')).status, 200);
    assert.equal(shown(), 'Offline/Offline');
    await setSession(APP_A, 'Busy', 'InACall');
    assert.equal(shown(), 'Away/Away');
    assert.equal((await setPreferred('Offline', 'OffWork')).status, 200);
    assert.equal(shown(), 'Offline/OffWork');
    const cleared = await graph(emu, 'POST', `/users/${USER}/presence/clearUserPreferredPresence`, {});
    assert.equal(cleared.status, 200);
    assert.equal(shown(), 'Busy/InACall');
  });

  it('lets a signed-in Teams client satisfy the "a session exists" rule for preferred presence', async () => {
    await setPreferred('DoNotDisturb', 'DoNotDisturb');
    emu.setClientPresence(USER, { availability: 'Available', activity: 'Available' });
    assert.equal(shown(), 'DoNotDisturb/DoNotDisturb');
  });

  it('expires preferred presence after 1 day for DoNotDisturb and 7 days for others, by default', async () => {
    emu.setClientPresence(USER, { availability: 'Available', activity: 'Available' });
    await setPreferred('DoNotDisturb', 'DoNotDisturb');
    clock.advance(DAY - 1);
    assert.equal(shown(), 'DoNotDisturb/DoNotDisturb');
    clock.advance(1);
    assert.equal(shown(), 'Available/Available');
    await setPreferred('BeRightBack', 'BeRightBack');
    clock.advance(7 * DAY - 1);
    assert.equal(shown(), 'BeRightBack/BeRightBack');
    clock.advance(1);
    assert.equal(shown(), 'Available/Available');
  });

  it('honours an explicit preferred expirationDuration and rejects unsupported preferred pairs', async () => {
    emu.setClientPresence(USER, { availability: 'Available', activity: 'Available' });
    await setPreferred('Busy', 'Busy', 'PT2H');
    clock.advance(2 * 60 * MINUTE);
    assert.equal(shown(), 'Available/Available');
    const res = await setPreferred('Busy', 'InACall');
    assert.equal(res.status, 400);
    assert.equal((res.json as { error: { code: string } }).error.code, 'BadRequest');
  });

  it('expires each session at its own expirationDuration on the injected clock', async () => {
    await setSession(APP_A, 'Busy', 'InACall', 'PT5M');
    await setSession(APP_B, 'Available', 'Available', 'PT10M');
    clock.advance(5 * MINUTE - 1);
    assert.equal(shown(), 'Busy/InACall');
    clock.advance(1);
    assert.equal(shown(), 'Available/Available');
    assert.deepEqual(
      emu.sessionsOf(USER).map((s) => s.sessionId),
      [APP_B],
    );
    clock.advance(5 * MINUTE);
    assert.equal(shown(), 'Offline/Offline');
    assert.deepEqual(emu.sessionsOf(USER), []);
  });
});
