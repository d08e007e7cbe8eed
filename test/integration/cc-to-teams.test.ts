// Contact center → Teams end to end: the README walk-through, sessions, profiles, over HTTP to the emulator.
import assert from 'node:assert/strict';
import {
  eventually,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

describe('contact center → Teams presence', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('walks through the README: link, Busy shows In a call, Available shows Available', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    assert.equal((await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user })).status, 201);
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    assert.equal(f.emulator.presenceOf(user).availability, 'Busy');
    const status = await f.admin('GET', '/api/admin/agents/A100/status');
    assert.equal(status.json.ccState, 'Busy');
    assert.equal(status.json.linked, true);
    assert.deepEqual(status.json.teams, { availability: 'Busy', activity: 'InACall' });
    assert.equal(status.json.lastDecision.reason, 'Agent went Busy → Teams In a call (8x8 profile)');
    await f.postEvents(stateEvent('A100', 'Available'));
    await eventually(() => f.emulator.presenceOf(user).availability === 'Available');
  });

  it('makes no Graph call for a state that means no change, and says why', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user });
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    const calls = f.emulator.requests().length;
    // Work Offline: no change to Teams and no status message (Wrap-up now has one, issue 10).
    await f.postEvents(stateEvent('A100', 'Work Offline'));
    await f.app.engine.idle();
    assert.equal(f.emulator.requests().length, calls);
    const status = await f.admin('GET', '/api/admin/agents/A100/status');
    assert.equal(status.json.ccState, 'Work Offline');
    assert.match(status.json.lastDecision.reason, /no change/i);
  });

  it('sets the session with the configured expiration, as our app (sessionId = AZURE_CLIENT_ID)', async () => {
    const clientId = '11111111-2222-3333-4444-555555555555';
    f = await startFixture({ AZURE_CLIENT_ID: clientId, PRESENCE_SESSION_MINUTES: '45' });
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user });
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => f.emulator.sessionsOf(user).length === 1);
    const [session] = f.emulator.sessionsOf(user);
    assert.equal(session?.sessionId, clientId);
    const call = f.emulator.requests().find((r) => r.path.endsWith('/setPresence'));
    assert.equal((call?.body as { expirationDuration: string }).expirationDuration, 'PT45M');
  });

  it('applies the current state when an agent is linked after it changed', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    await f.postEvents(stateEvent('A7', 'Busy'));
    await f.app.engine.idle();
    assert.match(
      (await f.admin('GET', '/api/admin/agents/A7/status')).json.lastDecision.reason,
      /not linked/,
    );
    await f.admin('PUT', '/api/admin/links/A7', { teamsUserId: user });
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
  });

  it('clears our session when the agent is unlinked, so Teams shows the user again', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A8', { teamsUserId: user });
    f.emulator.setClientPresence(user, { availability: 'Available', activity: 'Available' });
    await f.postEvents(stateEvent('A8', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    assert.equal((await f.admin('DELETE', '/api/admin/links/A8')).status, 204);
    assert.equal(f.emulator.presenceOf(user).activity, 'Available');
    assert.equal((await f.admin('DELETE', '/api/admin/links/A8')).status, 404);
  });

  it('follows the vonage profile and clears the session on Logged out', async () => {
    f = await startFixture({ PRESENCE_PROFILE: 'vonage' });
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/V1', { teamsUserId: user });
    await f.postEvents(stateEvent('V1', 'Away'));
    await eventually(() => f.emulator.presenceOf(user).availability === 'Away');
    await f.postEvents(stateEvent('V1', 'Logged out'));
    await eventually(() => f.emulator.sessionsOf(user).length === 0);
    assert.equal(f.emulator.presenceOf(user).availability, 'Offline');
  });

  it('keeps the latest state when a burst arrives', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A9', { teamsUserId: user });
    const t = Date.now();
    const burst = ['Busy', 'Available', 'Busy', 'Available', 'Busy'].map((s, i) =>
      stateEvent('A9', s, { occurredAt: new Date(t + i).toISOString() }),
    );
    await f.postEvents({ events: burst });
    await f.app.engine.idle();
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    const status = await f.admin('GET', '/api/admin/agents/A9/status');
    assert.equal(status.json.ccState, 'Busy');
  });
});
