// Issue 7 item 8: GET /metrics counts what this test does to a running Switchboard, started with real-style
// settings (Graph on the loopback emulator, AZURE_TENANT_ID and AZURE_CLIENT_ID set, ADMIN_API_KEY set).
import assert from 'node:assert/strict';
import {
  ADMIN_KEY,
  eventually,
  newTeamsUserId,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';
import { parsePrometheus, total, type Sample } from './prometheus-text';

const REAL_STYLE = {
  AZURE_TENANT_ID: '7d5c1a52-0000-4000-8000-00000000aaaa',
  AZURE_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  BOT_ID: '22222222-3333-4444-5555-666666666666',
  BOT_PASSWORD: 'test-bot-password',
  PRESENCE_POLL_SECONDS: '3600',
};

async function scrape(f: Fixture, key: string | null = ADMIN_KEY): Promise<Sample[]> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const response = await fetch(`${f.app.url}/metrics`, { headers });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  return parsePrometheus(await response.text());
}

describe('GET /metrics (issue 7 item 8)', () => {
  let f: Fixture;
  afterEach(() => f?.close());

  it('counts accepted, duplicate and rejected events, decisions, Graph calls with a 429, lag and gauges', async () => {
    f = await startFixture(REAL_STYLE);
    const user = newTeamsUserId();
    assert.equal((await f.admin('PUT', '/api/admin/links/A100', { teamsUserId: user })).status, 201);
    const busy = stateEvent('A100', 'Busy');
    assert.equal((await f.postEvents(busy)).status, 202);
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    assert.deepEqual((await f.postEvents(busy)).json, { accepted: 0, duplicates: 1 });
    const bad = await f.postEvents({ ...stateEvent('A100', 'Busy'), occurredAt: 'yesterday' });
    assert.equal(bad.status, 400);
    const unsigned = await fetch(`${f.app.url}/api/cc/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(stateEvent('A100', 'Busy')),
    });
    assert.equal(unsigned.status, 401);
    await f.app.engine.idle();

    const fault = await fetch(`${f.emulator.origin}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 429, count: 1, retryAfterSeconds: 0 }),
    });
    assert.equal(fault.status, 204);
    await f.postEvents(stateEvent('A100', 'Available'));
    await eventually(() => f.emulator.presenceOf(user).availability === 'Available');
    await f.app.engine.idle();

    const m = await scrape(f);
    assert.equal(total(m, 'switchboard_events_accepted_total', { source: 'cc' }), 2);
    assert.equal(total(m, 'switchboard_events_duplicate_total', { source: 'cc' }), 1);
    const rejected = (labels: Record<string, string>) =>
      total(m, 'switchboard_http_rejected_total', { route: '/api/cc/events', ...labels });
    assert.equal(rejected({ status: '400', code: 'invalid_event' }), 1);
    assert.equal(rejected({ status: '401' }), 1);
    assert.equal(total(m, 'switchboard_events_settled_total', { outcome: 'applied' }), 2);
    assert.equal(
      total(m, 'switchboard_decisions_total', { direction: 'cc-to-teams', outcome: 'setPresence' }),
      2,
    );
    assert.equal(total(m, 'switchboard_graph_requests_total', { kind: 'setPresence', outcome: 'ok' }), 2);
    // The emulator answered one request 429; the SDK retried it, and each attempt is counted.
    assert.equal(total(m, 'switchboard_graph_requests_total', { outcome: 'throttled' }), 1);
    assert.equal(total(m, 'switchboard_event_lag_seconds_count', { direction: 'cc-to-teams' }), 2);
    assert.ok(total(m, 'switchboard_presence_quota_in_use') >= 2);
    // The limit is the quota trusted now: the 429 lowered 1,500 to 80 % of it.
    assert.equal(total(m, 'switchboard_presence_quota_limit'), 1200);
    assert.equal(total(m, 'switchboard_outbox_pending'), 0);
    assert.equal(total(m, 'switchboard_outbox_oldest_age_seconds'), 0);
  });

  it('needs the admin key when one is set, counts the refusal, and is open without one', async () => {
    f = await startFixture(REAL_STYLE);
    const refused = await fetch(`${f.app.url}/metrics`);
    assert.equal(refused.status, 401);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'unauthorized');
    assert.equal((await fetch(`${f.app.url}/no/such/route`)).status, 404);
    const m = await scrape(f);
    assert.equal(total(m, 'switchboard_http_rejected_total', { route: '/metrics', code: 'unauthorized' }), 1);
    assert.equal(total(m, 'switchboard_http_rejected_total', { route: 'unmatched', status: '404' }), 1);
    await f.close();
    f = await startFixture({ ...REAL_STYLE, ADMIN_API_KEY: '' });
    assert.ok(total(await scrape(f, null), 'process_cpu_seconds_total') > 0);
  });

  it('returns the caller’s X-Request-Id, or one it made', async () => {
    f = await startFixture(REAL_STYLE);
    const given = await fetch(`${f.app.url}/healthz`, { headers: { 'x-request-id': 'cc-req-42' } });
    assert.equal(given.headers.get('x-request-id'), 'cc-req-42');
    const made = await fetch(`${f.app.url}/healthz`, { headers: { 'x-request-id': 'has spaces' } });
    assert.match(made.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});
