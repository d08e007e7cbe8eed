// The admin API (docs/openapi.yaml, /api/admin/*): authentication, links, agent directory, mapping.
import assert from 'node:assert/strict';
import {
  eventually,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

describe('admin API', () => {
  let f: Fixture;
  afterEach(() => f.close());

  it('answers 401 without the key and 403 when the admin API is disabled', async () => {
    f = await startFixture();
    const noKey = await fetch(`${f.app.url}/api/admin/links`);
    assert.equal(noKey.status, 401);
    assert.equal(((await noKey.json()) as any).error.code, 'unauthorized');
    const wrong = await fetch(`${f.app.url}/api/admin/links`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
    await f.close();
    f = await startFixture({ ADMIN_API_KEY: '' });
    const disabled = await f.admin('GET', '/api/admin/links');
    assert.equal(disabled.status, 403);
    assert.equal(disabled.json.error.code, 'admin_api_disabled');
  });

  it('creates, updates, lists and deletes links, and refuses a Teams user linked elsewhere', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    assert.equal(
      (await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user, upn: 'a1@contoso.com' })).status,
      201,
    );
    assert.equal((await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user })).status, 200);
    const conflict = await f.admin('PUT', '/api/admin/links/A2', { teamsUserId: user });
    assert.equal(conflict.status, 409);
    assert.equal(conflict.json.error.code, 'link_conflict');
    const invalid = await f.admin('PUT', '/api/admin/links/A2', { teamsUserId: 'not-a-guid' });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.json.error.code, 'invalid_link');
    const list = await f.admin('GET', '/api/admin/links');
    assert.deepEqual(
      list.json.links.map((l: { agentId: string; teamsUserId: string }) => [l.agentId, l.teamsUserId]),
      [['A1', user]],
    );
    assert.equal((await f.admin('DELETE', '/api/admin/links/A1')).status, 204);
    assert.deepEqual((await f.admin('GET', '/api/admin/links')).json.links, []);
  });

  it('answers 404 with the contract error shape for an unknown agent and an unknown route', async () => {
    f = await startFixture();
    const agent = await f.admin('GET', '/api/admin/agents/NOBODY/status');
    assert.equal(agent.status, 404);
    assert.equal(agent.json.error.code, 'agent_not_found');
    const route = await fetch(`${f.app.url}/api/nothing-here`);
    assert.equal(route.status, 404);
    assert.equal(((await route.json()) as any).error.code, 'not_found');
  });

  it('keeps an agent directory from upserts and removals, and clears Teams when an agent is removed', async () => {
    f = await startFixture();
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A5', { teamsUserId: user });
    const upsert = {
      id: 'u1',
      type: 'agent.upsert',
      occurredAt: new Date().toISOString(),
      agentId: 'A5',
      email: 'johanna@contoso.com',
      displayName: 'Johanna',
    };
    await f.postEvents({ events: [upsert, stateEvent('A5', 'Busy')] });
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    assert.equal((await f.admin('GET', '/api/admin/agents/A5/status')).json.displayName, 'Johanna');
    await f.postEvents({
      id: 'r1',
      type: 'agent.remove',
      occurredAt: new Date().toISOString(),
      agentId: 'A5',
    });
    await eventually(() => f.emulator.sessionsOf(user).length === 0);
    await f.app.engine.idle();
    const status = (await f.admin('GET', '/api/admin/agents/A5/status')).json;
    assert.equal(status.displayName, null);
    assert.equal(status.ccState, null);
    assert.equal(f.emulator.sessionsOf(user).length, 0);
  });

  it('validates a mapping before using it, and uses it at once', async () => {
    f = await startFixture();
    const current = (await f.admin('GET', '/api/admin/mapping')).json;
    assert.equal(current.id, '8x8');
    const bad = await f.admin('PUT', '/api/admin/mapping', {
      ...current,
      ccToTeams: { ...current.ccToTeams, Busy: { availability: 'Busy', activity: 'Busy' } },
    });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_profile');
    assert.match(JSON.stringify(bad.json.error.details), /ccToTeams\.Busy/);
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A6', { teamsUserId: user });
    const changed = {
      ...current,
      ccToTeams: { ...current.ccToTeams, Break: { availability: 'Away', activity: 'Away' } },
    };
    assert.equal((await f.admin('PUT', '/api/admin/mapping', changed)).status, 200);
    await f.postEvents(stateEvent('A6', 'Break'));
    await eventually(() => f.emulator.presenceOf(user).availability === 'Away');
    const restarted = await f.restart();
    f = restarted;
    assert.deepEqual((await f.admin('GET', '/api/admin/mapping')).json.ccToTeams.Break, {
      availability: 'Away',
      activity: 'Away',
    });
  });
});
