// GET /api/admin/health and POST /api/admin/mapping/dry-run against the real service: health reports per
// linked user what happened last, how late, how they are watched and what is queued; the dry run shows what
// a candidate profile would change and changes nothing.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { eventually, stateEvent } from '../support/switchboard-fixture';
import { startIdentityHarness, type IdentityHarness } from './identity-harness';

describe('admin API: health and mapping dry run', () => {
  let h: IdentityHarness;
  const user = randomUUID();
  before(async () => {
    h = await startIdentityHarness();
    assert.equal(
      (await h.fixture.admin('PUT', '/api/admin/links/HEALTH-1', { teamsUserId: user })).status,
      201,
    );
    await h.fixture.postEvents(stateEvent('HEALTH-1', 'Busy'));
    await eventually(() => h.fixture.emulator.presenceOf(user).activity === 'InACall');
  });
  after(() => h.close());

  it('reports last event, lag, coverage and backlog per linked user, and the quota use', async () => {
    const res = await h.fixture.admin('GET', '/api/admin/health');
    assert.equal(res.status, 200);
    const row = res.json.users.find((u: any) => u.agentId === 'HEALTH-1');
    assert.equal(row.teamsUserId, user);
    assert.equal(row.lastEvent.direction, 'cc-to-teams');
    assert.match(row.lastEvent.reason, /Busy/);
    assert.ok(row.lagMs >= 0 && row.lagMs < 60_000, `lag ${row.lagMs}`);
    assert.equal(row.coverage, 'polling');
    assert.deepEqual(row.outbound, { pending: 0, parked: 0, oldestPendingAgeMs: null });
    assert.equal(res.json.linkedUsers, 1);
    const quota = res.json.tenant.presenceQuota;
    assert.equal(quota.limit, 1500);
    assert.equal(quota.windowSeconds, 30);
    assert.ok(quota.used >= 1, 'the setPresence counted');
    assert.equal(typeof res.json.tenant.outbound.pending, 'number');
    const tab = await h.tab('GET', '/api/tab/admin/health', h.adminToken());
    assert.equal(tab.status, 200);
    assert.equal(tab.json.users.length, 1);
  });

  it('dry-runs a profile: what each linked agent would show, with nothing changed', async () => {
    const current = (await h.fixture.admin('GET', '/api/admin/mapping')).json;
    const candidate = {
      ...current,
      ccToTeams: { ...current.ccToTeams, Busy: { availability: 'Away', activity: 'Away' } },
    };
    const res = await h.fixture.admin('POST', '/api/admin/mapping/dry-run', candidate);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.json.agents.map(({ reason: _r, ...rest }: any) => rest),
      [{ agentId: 'HEALTH-1', ccState: 'Busy', teamsNow: 'In a call', teamsWouldBe: 'Away', changes: true }],
    );
    assert.match(res.json.agents[0].reason, /Busy/);
    const same = await h.fixture.admin('POST', '/api/admin/mapping/dry-run', current);
    assert.equal(same.json.agents[0].changes, false);
    assert.deepEqual(
      (await h.fixture.admin('GET', '/api/admin/mapping')).json,
      current,
      'the profile is unchanged',
    );
    assert.equal(h.fixture.emulator.presenceOf(user).activity, 'InACall', 'Teams is unchanged');

    const bad = await h.fixture.admin('POST', '/api/admin/mapping/dry-run', {
      ...current,
      ccToTeams: 'nope',
    });
    assert.deepEqual([bad.status, bad.json.error.code], [400, 'invalid_profile']);
    const tab = await h.tab('POST', '/api/tab/admin/mapping/dry-run', h.adminToken(), candidate);
    assert.equal(tab.json.agents[0].teamsWouldBe, 'Away');
  });
});
