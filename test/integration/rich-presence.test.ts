// Issue #10 part 3 through the running service with real-style settings (Graph on the loopback emulator,
// AZURE_TENANT_ID, AZURE_CLIENT_ID and BOT_ID set): a state's status message is set and cleared, and the end
// of a shift shows Offline in Teams even with Teams open, until the next shift starts, across a restart.
import assert from 'node:assert/strict';
import {
  eventually,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

const REAL_STYLE = {
  AZURE_TENANT_ID: '7d5c1a52-0000-4000-8000-00000000aaaa',
  AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  BOT_ID: '22222222-3333-4444-5555-666666666666',
  BOT_PASSWORD: 'test-bot-password',
  PRESENCE_POLL_SECONDS: '3600',
};

interface Summary {
  reason: string;
  to: string;
}

const reasons = async (f: Fixture, agent: string): Promise<string[]> =>
  ((await f.admin('GET', `/api/admin/agents/${agent}/status`)).json.recentDecisions as Summary[]).map(
    (d) => d.reason,
  );

const richCalls = (f: Fixture) =>
  f.emulator
    .requests()
    .filter((r) => /setStatusMessage|UserPreferredPresence/.test(r.path))
    .map((r) => r.path.split('/').pop());

describe('richer presence in Teams (issue 10 part 3)', () => {
  let f: Fixture;
  afterEach(() => f?.close());

  it('8x8: Break sets "On break, back soon", a repeat makes no call, Available clears it', async () => {
    f = await startFixture(REAL_STYLE);
    const user = newTeamsUserId();
    assert.equal((await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user })).status, 201);
    await f.postEvents(stateEvent('A1', 'Break'));
    await eventually(() => f.emulator.statusMessageOf(user)?.content === 'On break, back soon');
    await f.app.engine.idle();
    assert.deepEqual(f.emulator.statusMessageOf(user), { content: 'On break, back soon' });
    const status = await f.admin('GET', '/api/admin/agents/A1/status');
    assert.deepEqual(status.json.statusMessage, { message: 'On break, back soon' });
    const call = f.emulator.requests().find((r) => r.path.endsWith('/setStatusMessage'));
    assert.deepEqual(call?.body, {
      statusMessage: { message: { content: 'On break, back soon', contentType: 'text' } },
    });
    assert.ok(
      (await reasons(f, 'A1')).includes(
        "Agent went Break → status message 'On break, back soon' (8x8 profile)",
      ),
    );

    const before = f.emulator.requests().length;
    await f.postEvents(stateEvent('A1', 'Break'));
    await f.app.engine.idle();
    assert.equal(f.emulator.requests().length, before, 'a repeated Break makes no Graph call');

    await f.postEvents(stateEvent('A1', 'Available'));
    await eventually(() => f.emulator.statusMessageOf(user) === null);
    await f.app.engine.idle();
    assert.equal(f.emulator.presenceOf(user).availability, 'Available');
    assert.deepEqual(richCalls(f), ['setStatusMessage', 'setStatusMessage']);
    assert.equal(
      (await reasons(f, 'A1'))[0],
      "Agent went Available → status message 'On break, back soon' cleared (8x8 profile)",
    );
  });

  it('Dynamics 365: shift end shows Offline with Teams open, and the next shift start clears it after a restart', async () => {
    f = await startFixture({ ...REAL_STYLE, PRESENCE_PROFILE: 'dynamics365' });
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/D1', { teamsUserId: user });
    f.emulator.setClientPresence(user, { availability: 'Available', activity: 'Available' });
    await f.postEvents(stateEvent('D1', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');

    await f.postEvents(stateEvent('D1', 'Offline'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'OffWork');
    await f.app.engine.idle();
    assert.equal(f.emulator.presenceOf(user).availability, 'Offline');
    assert.equal(
      f.emulator.sessionsOf(user).length,
      0,
      'our session is cleared, the Teams client is still on',
    );
    const set = f.emulator.requests().find((r) => r.path.endsWith('/setUserPreferredPresence'));
    assert.deepEqual(set?.body, { availability: 'Offline', activity: 'OffWork' });
    assert.ok(
      (await reasons(f, 'D1')).includes(
        'Agent went Offline: shift ended → Teams shows Offline even with Teams open (Dynamics 365 profile)',
      ),
    );

    const status = await f.admin('GET', '/api/admin/agents/D1/status');
    assert.deepEqual(status.json.preferredPresence, { availability: 'Offline', activity: 'OffWork' });
    assert.equal(status.json.statusMessage, null);

    f = await f.restart();
    await f.postEvents(stateEvent('D1', 'Available'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'Available');
    await f.app.engine.idle();
    assert.deepEqual(richCalls(f), ['setUserPreferredPresence', 'clearUserPreferredPresence']);
    // The restarted service's first presence poll may log what Teams showed (Off work) after this decision.
    assert.ok(
      (await reasons(f, 'D1')).includes(
        "Agent went Available: shift started → preferred presence Offline cleared, Teams shows the agent's presence again (Dynamics 365 profile)",
      ),
    );
  });

  it('logs a refused status message once and does not ask again; unlinking clears what we set', async () => {
    f = await startFixture(REAL_STYLE);
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A2', { teamsUserId: user });
    f.emulator.injectFaults({ status: 403, count: 1 });
    await f.postEvents(stateEvent('A2', 'Break'));
    await f.app.engine.idle();
    await eventually(async () => (await reasons(f, 'A2')).some((r) => r.includes('Graph refused it (403')));
    assert.equal(f.emulator.statusMessageOf(user), null);
    await f.postEvents(stateEvent('A2', 'Break'));
    await f.app.engine.idle();
    assert.deepEqual(richCalls(f), ['setStatusMessage'], 'a refusal is not asked again for the same state');

    await f.postEvents(stateEvent('A2', 'Available'));
    await f.app.engine.idle();
    await f.postEvents(stateEvent('A2', 'Break'));
    await eventually(() => f.emulator.statusMessageOf(user)?.content === 'On break, back soon');
    assert.equal((await f.admin('DELETE', '/api/admin/links/A2')).status, 204);
    assert.equal(f.emulator.statusMessageOf(user), null);
  });
});
