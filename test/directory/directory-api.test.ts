// GET /api/directory/contacts on the running service with real-style settings (Graph and Entra on the
// emulator, AZURE_TENANT_ID set): Teams users refreshed from Graph /users/delta, agents from signed
// agent.upsert events, merged by email/UPN; the admin key and a Teams SSO token both get in.
import assert from 'node:assert/strict';
import {
  EMULATOR_TENANT_ID,
  startGraphEmulator,
  type GraphEmulator,
} from '../../src/adapters/graph-emulator';
import type { DirectoryContact } from '../../src/directory/contact';
import {
  ADMIN_KEY,
  GRAPH_TOKEN,
  eventually,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

const CLIENT_ID = '6b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const TEAMS_PEOPLE = 1200;

interface Page {
  contacts: DirectoryContact[];
  next?: string;
}

function upsert(agentId: string, email: string, displayName: string, extra: Record<string, unknown> = {}) {
  return {
    ...stateEvent(agentId, 'x'),
    type: 'agent.upsert',
    email,
    displayName,
    state: undefined,
    ...extra,
  };
}

describe('directory API (service on the Graph emulator)', function () {
  this.timeout(60_000);
  let emulator: GraphEmulator;
  let fx: Fixture;

  before(async () => {
    emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    emulator.seedUsers(
      Array.from({ length: TEAMS_PEOPLE }, (_, i) => ({
        userPrincipalName: `person${i}@contoso.com`,
        displayName: `Person ${String(i).padStart(4, '0')}`,
        mail: `person${i}@contoso.com`,
      })),
    );
    emulator.seedUsers([
      {
        userPrincipalName: 'Taylor@Contoso.com',
        displayName: 'Taylor Reed (Teams)',
        mail: 'Taylor@Contoso.com',
      },
      { userPrincipalName: 'ben@contoso.onmicrosoft.com', displayName: 'Ben Ito', mail: 'Ben@Contoso.com' },
    ]);
    fx = await startFixture(
      { AZURE_TENANT_ID: EMULATOR_TENANT_ID, AZURE_CLIENT_ID: CLIENT_ID, AZURE_CLIENT_SECRET: 'unused' },
      undefined,
      emulator,
    );
  });
  after(async () => {
    await fx.close();
    await emulator.close();
  });

  const contacts = async (query: string, token = ADMIN_KEY) => {
    const response = await fetch(`${fx.app.url}/api/directory/contacts${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, json: (await response.json()) as Page & { error?: { code: string } } };
  };

  it('refreshes every Teams user in a full round costing ceil(n / 200) Graph requests', async () => {
    const result = await fx.app.directory.refresh.runOnce();
    assert.ok(result);
    const full = emulator
      .requests()
      .filter((r) => r.path.startsWith('/v1.0/users/delta') && !r.path.includes('deltatoken'));
    assert.equal(full.length, Math.ceil((TEAMS_PEOPLE + 2) / 200), 'one full round of 200-user pages');
    const first = await contacts('?limit=200');
    assert.equal(first.status, 200);
    assert.equal(first.json.contacts.length, 200);
  });

  it('merges agents with their Teams users by email/UPN: one entry, contact-center presence first', async () => {
    const events = [
      upsert('A-taylor', 'taylor@CONTOSO.com', 'Taylor Reed', {
        identities: ['contact-center', 'work'],
        jobTitle: 'Senior agent',
      }),
      upsert('A-ben', 'ben@contoso.com', 'Ben Ito'),
      upsert('A-solo', 'solo@elsewhere.com', 'Solo Agent'),
    ];
    assert.equal((await fx.postEvents({ events })).status, 202);
    assert.equal((await fx.postEvents(stateEvent('A-taylor', 'Break'))).status, 202);
    await eventually(async () => {
      const page = await contacts('?q=taylor');
      return page.json.contacts[0]?.presence.value === 'Break';
    });
    const taylor = (await contacts('?q=taylor')).json.contacts;
    assert.equal(taylor.length, 1, 'nobody twice');
    assert.equal(taylor[0]?.displayName, 'Taylor Reed');
    assert.equal(taylor[0]?.jobTitle, 'Senior agent');
    assert.deepEqual(
      taylor[0]?.identities.map((i) => i.kind),
      ['contact-center', 'teams', 'work'],
    );
    assert.deepEqual(taylor[0]?.presence, { source: 'contact-center', value: 'Break' });
    const ben = (await contacts('?q=ben')).json.contacts;
    assert.equal(ben.length, 1, 'merged by mail though the UPN differs');
  });

  it('pages the whole directory once each, agents first, and filters by type', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await contacts(`?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(page.status, 200);
      seen.push(...page.json.contacts.map((c) => c.email.toLowerCase()));
      cursor = page.json.next;
    } while (cursor);
    assert.equal(seen.length, TEAMS_PEOPLE + 3);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual(seen.slice(0, 3), ['ben@contoso.com', 'solo@elsewhere.com', 'taylor@contoso.com']);
    const agents = await contacts('?type=contact-center');
    assert.deepEqual(
      agents.json.contacts.map((c) => c.displayName),
      ['Ben Ito', 'Solo Agent', 'Taylor Reed'],
    );
  });

  it('a later round reads only the changes (one request) and applies renames and removals', async () => {
    const before = emulator.requests().length;
    emulator.seedUsers([
      {
        userPrincipalName: 'person7@contoso.com',
        displayName: 'Renamed Person',
        mail: 'person7@contoso.com',
      },
    ]);
    const gone = (await contacts('?q=person 0009')).json.contacts[0];
    assert.ok(gone);
    const id = gone.identities.find((i) => i.kind === 'teams')!.id;
    assert.ok(emulator.removeUser(id));
    const result = await fx.app.directory.refresh.runOnce();
    assert.deepEqual({ ...result, full: result?.full }, { full: false, requests: 1, changed: 1, removed: 1 });
    assert.equal(emulator.requests().length - before, 1);
    assert.equal((await contacts('?q=renamed')).json.contacts.length, 1);
    assert.equal((await contacts('?q=person 0009')).json.contacts.length, 0);
  });

  it('lets a Teams SSO token in, and refuses no token, a bad type and a forged cursor', async () => {
    const token = emulator.issueSsoToken({ oid: '0f0e0d0c-0000-4000-8000-000000000001', aud: CLIENT_ID });
    const sso = await contacts('?q=solo', token);
    assert.equal(sso.status, 200);
    assert.equal(sso.json.contacts[0]?.displayName, 'Solo Agent');
    const none = await fetch(`${fx.app.url}/api/directory/contacts`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'token_missing');
    assert.equal((await contacts('?q=x', 'wrong-key')).status, 401);
    const badType = await contacts('?type=fax');
    assert.deepEqual([badType.status, badType.json.error?.code], [400, 'invalid_query']);
    const forged = await contacts('?cursor=abc');
    assert.deepEqual([forged.status, forged.json.error?.code], [400, 'invalid_cursor']);
    assert.equal((await contacts('?q=a&q=b')).status, 400);
  });

  it('agent.remove takes the agent out; a Teams user merged with them stays, on their own', async () => {
    const remove = (agentId: string) => ({
      ...stateEvent(agentId, 'x'),
      type: 'agent.remove',
      state: undefined,
    });
    assert.equal((await fx.postEvents({ events: [remove('A-solo'), remove('A-ben')] })).status, 202);
    await eventually(async () => (await contacts('?q=solo')).json.contacts.length === 0);
    await eventually(async () => {
      const ben = (await contacts('?q=ben')).json.contacts;
      return ben.length === 1 && ben[0]?.identities.map((i) => i.kind).join() === 'teams';
    });
  });
});
