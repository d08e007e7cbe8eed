// POST /api/admin/links/import against the real service and the emulator's directory: the dry run lists
// created, updated, unchanged, conflicts and unknown without changing anything; the apply makes exactly that in
// one transaction; bad, duplicate and huge files are refused whole. The same route answers the tab's admins.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { ADMIN_KEY } from '../support/switchboard-fixture';
import { ADMIN_GROUP, startIdentityHarness, type IdentityHarness } from './identity-harness';

describe('admin API: links CSV import', () => {
  let h: IdentityHarness;
  before(async () => {
    h = await startIdentityHarness();
  });
  after(() => h.close());

  const importCsv = async (csv: string, query = '', auth = `Bearer ${ADMIN_KEY}`) => {
    const res = await fetch(`${h.fixture.app.url}/api/admin/links/import${query}`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: res.status, json: (await res.json()) as any };
  };
  const user = (upn: string) => {
    const id = randomUUID();
    h.fixture.emulator.seedUsers([{ id, userPrincipalName: upn, displayName: upn }]);
    return id;
  };
  const put = (agent: string, id: string) =>
    h.fixture.app.store.putLink({
      agentId: agentId(agent),
      teamsUserId: teamsUserId(id),
      createdAt: new Date().toISOString(),
    });

  it('dry-runs, then applies exactly what the dry run listed', async () => {
    const ann = user('ann@import.test');
    const bob = user('bob@import.test');
    const cy = user('cy@import.test');
    const dee = user('dee@import.test');
    await put('IMP-UNCHANGED', cy);
    await put('IMP-UPDATED', randomUUID());
    await put('IMP-HOLDER', dee);
    const csv = [
      'agentId,upn',
      'IMP-NEW,ANN@import.test',
      'IMP-UPDATED,bob@import.test',
      'IMP-UNCHANGED,cy@import.test',
      'IMP-CONFLICT,dee@import.test',
      'IMP-UNKNOWN,ghost@import.test',
    ].join('\n');
    const before = await h.fixture.app.store.listLinks();
    const dry = await importCsv(csv, '?dryRun=true');
    assert.equal(dry.status, 200);
    assert.deepEqual(dry.json.created, [{ agentId: 'IMP-NEW', teamsUserId: ann, upn: 'ann@import.test' }]);
    assert.equal(dry.json.updated[0].agentId, 'IMP-UPDATED');
    assert.equal(dry.json.updated[0].teamsUserId, bob);
    assert.deepEqual(
      dry.json.unchanged.map((u: any) => u.agentId),
      ['IMP-UNCHANGED'],
    );
    assert.deepEqual(
      dry.json.conflicts.map((c: any) => c.agentId),
      ['IMP-CONFLICT'],
    );
    assert.match(dry.json.conflicts[0].reason, /linked to agent IMP-HOLDER/);
    assert.deepEqual(
      dry.json.unknown.map((c: any) => c.agentId),
      ['IMP-UNKNOWN'],
    );
    assert.deepEqual(await h.fixture.app.store.listLinks(), before, 'a dry run changes nothing');

    const applied = await importCsv(csv, `?planId=${dry.json.planId}`);
    assert.equal(applied.status, 200);
    assert.deepEqual(
      { ...applied.json, dryRun: true },
      dry.json,
      'the apply reports the plan of its dry run',
    );
    const store = h.fixture.app.store;
    assert.equal((await store.getLinkByAgent(agentId('IMP-NEW')))?.teamsUserId, ann);
    assert.equal((await store.getLinkByAgent(agentId('IMP-UPDATED')))?.teamsUserId, bob);
    assert.equal((await store.getLinkByAgent(agentId('IMP-HOLDER')))?.teamsUserId, dee);
    assert.equal(await store.getLinkByAgent(agentId('IMP-CONFLICT')), null);
    const conflicts = (await h.fixture.admin('GET', '/api/admin/links/conflicts')).json.conflicts;
    assert.ok(conflicts.some((c: any) => c.agentId === 'IMP-CONFLICT' && c.source === 'import'));

    const again = await importCsv(csv, '?dryRun=true');
    assert.deepEqual(again.json.created, []);
    assert.deepEqual(again.json.unchanged.map((u: any) => u.agentId).sort(), [
      'IMP-NEW',
      'IMP-UNCHANGED',
      'IMP-UPDATED',
    ]);
  });

  it('refuses an apply whose dry run is out of date (409 plan_changed), changing nothing', async () => {
    const eve = user('eve@import.test');
    const csv = 'agentId,teamsUserId\nIMP-STALE,' + eve.toUpperCase();
    const dry = await importCsv(csv, '?dryRun=true');
    assert.deepEqual(
      dry.json.created.map((c: any) => c.teamsUserId),
      [eve],
    );
    await put('IMP-STALE', randomUUID());
    const res = await importCsv(csv, `?planId=${dry.json.planId}`);
    assert.deepEqual([res.status, res.json.error.code], [409, 'plan_changed']);
    assert.notEqual((await h.fixture.app.store.getLinkByAgent(agentId('IMP-STALE')))?.teamsUserId, eve);
  });

  it('refuses bad, duplicate and huge files whole, naming the lines', async () => {
    const cases: [string, number, string][] = [
      ['agentId,email\nA,a@x.test', 400, 'invalid_csv'],
      ['agentId,upn', 400, 'invalid_csv'],
      ['agentId,upn\nA,not-an-address\n B,b@x.test\nC,c@x.test,extra', 400, 'invalid_csv'],
      ['agentId,teamsUserId\nA,123', 400, 'invalid_csv'],
      ['agentId,upn\n"A,unterminated', 400, 'invalid_csv'],
      ['agentId,upn\nA,a@x.test\nA,b@x.test', 400, 'duplicate_rows'],
      ['agentId,upn\nA,a@x.test\nB,A@X.test', 400, 'duplicate_rows'],
      [
        `agentId,upn\n${Array.from({ length: 5001 }, (_, i) => `R${i},r${i}@x.test`).join('\n')}`,
        400,
        'too_many_rows',
      ],
      [`agentId,upn\nA,${'x'.repeat(3 * 1024 * 1024)}@x.test`, 413, 'payload_too_large'],
    ];
    const before = await h.fixture.app.store.listLinks();
    for (const [csv, status, code] of cases) {
      const res = await importCsv(csv);
      assert.deepEqual([res.status, res.json.error.code], [status, code], csv.slice(0, 60));
    }
    const lines = (await importCsv('agentId,upn\nA,not-an-address\n B,b@x.test\nC,c@x.test,extra')).json.error
      .details;
    assert.deepEqual(
      lines.map((d: any) => d.line),
      [2, 3, 4],
    );
    assert.deepEqual(await h.fixture.app.store.listLinks(), before);
    const json = await fetch(`${h.fixture.app.url}/api/admin/links/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(json.status, 415);
    assert.equal(
      (await importCsv('agentId,upn\nA,a@x.test', '?dryRun=maybe')).json.error.code,
      'invalid_query',
    );
  });

  it('answers the tab admin console with the same API, and refuses non-admins and the unauthenticated', async () => {
    const csv = 'agentId,upn\nIMP-TAB,nobody@import.test';
    const asRole = await h.tab(
      'POST',
      '/api/tab/admin/links/import?dryRun=true',
      h.adminToken(),
      csv,
      'text/csv',
    );
    assert.equal(asRole.status, 200);
    assert.deepEqual(
      asRole.json.unknown.map((u: any) => u.agentId),
      ['IMP-TAB'],
    );
    const member = h.token(randomUUID(), { groups: [randomUUID(), ADMIN_GROUP.toUpperCase()] });
    assert.equal((await h.tab('GET', '/api/tab/admin/links', member)).status, 200);
    const plain = h.token(randomUUID(), { roles: ['Switchboard.Reader'], groups: [randomUUID()] });
    for (const [method, path, body] of [
      ['POST', '/api/tab/admin/links/import', csv],
      ['GET', '/api/tab/admin/links', undefined],
      ['GET', '/api/tab/admin/links/conflicts', undefined],
      ['GET', '/api/tab/admin/health', undefined],
      ['POST', '/api/tab/admin/mapping/dry-run', '{}'],
      ['PUT', '/api/tab/admin/links/A1', '{}'],
    ] as const) {
      const type = path.endsWith('import') ? 'text/csv' : 'application/json';
      const refused = await h.tab(method, path, plain, body, type);
      assert.deepEqual([refused.status, refused.json.error.code], [403, 'not_admin'], `${method} ${path}`);
      const anonymous = await h.tab(method, path, undefined, body, type);
      assert.deepEqual([anonymous.status, anonymous.json.error.code], [401, 'token_missing']);
    }
    const wrongKey = await importCsv(csv, '', 'Bearer nope');
    assert.equal(wrongKey.status, 401);
    const ssoOnAdminKeyRoute = await importCsv(csv, '', `Bearer ${h.adminToken()}`);
    assert.equal(ssoOnAdminKeyRoute.status, 401, 'an SSO token is not the admin key');
  });
});

describe('admin API: links CSV export', () => {
  let h: IdentityHarness;
  before(async () => {
    h = await startIdentityHarness();
  });
  after(() => h.close());

  it('exports the links as CSV with formula-like cells neutralised', async () => {
    const evil = ['=HYPERLINK("http://evil.test","x")', '+1', '-2', '@SUM(A1)', '\tTAB'];
    for (const [i, id] of evil.entries()) {
      await h.fixture.app.store.putLink({
        agentId: agentId(id),
        teamsUserId: teamsUserId(randomUUID()),
        upn: i === 0 ? '=cmd@x.test' : `u${i}@x.test`,
        createdAt: '2026-01-01T00:00:00.000Z',
      });
    }
    const res = await fetch(`${h.fixture.app.url}/api/admin/links/export`, {
      headers: { authorization: `Bearer ${ADMIN_KEY}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    assert.equal(lines[0], 'agentId,teamsUserId,upn,createdAt');
    for (const line of lines.slice(1)) {
      for (const cell of line.match(/"(?:[^"]|"")*"/g) ?? []) {
        assert.doesNotMatch(cell, /^"[=+\-@\t\r]/, `cell ${cell} would run as a formula`);
      }
    }
    assert.ok(lines.some((l) => l.startsWith(`"'=HYPERLINK(""http://evil.test"",""x"")"`)));
    assert.ok(lines.some((l) => l.includes(`"'=cmd@x.test"`)));
    const tab = await h.tab('GET', '/api/tab/admin/links/export', h.adminToken());
    assert.equal(tab.status, 200);
  });
});
