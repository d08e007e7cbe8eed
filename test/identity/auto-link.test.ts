// Automatic linking: an agent.upsert whose email is a Teams user's UPN or mail (any case) links them through
// the directory (the emulator's /users); a clash on either side is recorded for admins, never overwritten.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { CodedError } from '../../src/domain/errors';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { autoLink } from '../../src/identity/auto-link';
import type { IdentityDeps } from '../../src/identity/identity-deps';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { UserDirectory } from '../../src/ports/user-directory.port';
import { startIdentityHarness, type IdentityHarness } from './identity-harness';

describe('automatic linking from agent.upsert', () => {
  let h: IdentityHarness;
  before(async () => {
    h = await startIdentityHarness();
  });
  after(() => h.close());
  const seed = (upn: string, mail?: string) => {
    const id = randomUUID();
    h.fixture.emulator.seedUsers([
      { id, userPrincipalName: upn, displayName: upn, ...(mail ? { mail } : {}) },
    ]);
    return id;
  };

  it('links an agent whose email matches a UPN or a mail, case-insensitively', async () => {
    const byUpn = seed('Ada.Lovelace@Contoso.test');
    const byMail = seed('grace@contoso.onmicrosoft.test', 'Grace.Hopper@contoso.test');
    await h.upsert([
      { agentId: 'AUTO-1', email: 'ada.lovelace@contoso.TEST' },
      { agentId: 'AUTO-2', email: 'grace.hopper@CONTOSO.test' },
    ]);
    assert.equal((await h.fixture.app.store.getLinkByAgent(agentId('AUTO-1')))?.teamsUserId, byUpn);
    const second = await h.fixture.app.store.getLinkByAgent(agentId('AUTO-2'));
    assert.equal(second?.teamsUserId, byMail);
    assert.equal(second?.upn, 'grace@contoso.onmicrosoft.test');
  });

  it('records a conflict instead of overwriting when the Teams user is linked to another agent', async () => {
    const id = seed('taken@contoso.test');
    await h.fixture.app.store.putLink({
      agentId: agentId('HOLDER'),
      teamsUserId: teamsUserId(id),
      createdAt: new Date().toISOString(),
    });
    await h.upsert([{ agentId: 'AUTO-3', email: 'TAKEN@contoso.test' }]);
    assert.equal(await h.fixture.app.store.getLinkByAgent(agentId('AUTO-3')), null);
    assert.equal((await h.fixture.app.store.getLinkByTeamsUser(teamsUserId(id)))?.agentId, 'HOLDER');
    const health = await h.fixture.admin('GET', '/api/admin/links/conflicts');
    const conflict = health.json.conflicts.find((c: any) => c.agentId === 'AUTO-3');
    assert.equal(conflict.source, 'auto');
    assert.equal(conflict.teamsUserId, id);
    assert.match(conflict.reason, /taken@contoso.test is linked to agent HOLDER/);
  });

  it('records a conflict when the agent is already linked to someone else', async () => {
    seed('newcomer@contoso.test');
    const old = teamsUserId(randomUUID());
    await h.fixture.app.store.putLink({
      agentId: agentId('AUTO-4'),
      teamsUserId: old,
      createdAt: new Date().toISOString(),
    });
    await h.upsert([{ agentId: 'AUTO-4', email: 'newcomer@contoso.test' }]);
    assert.equal((await h.fixture.app.store.getLinkByAgent(agentId('AUTO-4')))?.teamsUserId, old);
    const list = (await h.fixture.admin('GET', '/api/admin/links/conflicts')).json.conflicts;
    assert.match(list.find((c: any) => c.agentId === 'AUTO-4').reason, /the agent is linked to Teams user/);
  });

  it('leaves an agent without a matching Teams user unlinked, and checks each email once', async () => {
    await h.upsert([{ agentId: 'AUTO-5', email: 'nobody@contoso.test' }]);
    assert.equal(await h.fixture.app.store.getLinkByAgent(agentId('AUTO-5')), null);
    const id = seed('nobody@contoso.test');
    // The same email again is not looked up again; a changed email is.
    await h.upsert([{ agentId: 'AUTO-5', email: 'nobody@contoso.test' }]);
    assert.equal(await h.fixture.app.store.getLinkByAgent(agentId('AUTO-5')), null);
    seed('somebody@contoso.test');
    await h.upsert([{ agentId: 'AUTO-5', email: 'Somebody@contoso.test' }]);
    assert.notEqual((await h.fixture.app.store.getLinkByAgent(agentId('AUTO-5')))?.teamsUserId, id);
    assert.notEqual(await h.fixture.app.store.getLinkByAgent(agentId('AUTO-5')), null);
  });
});

describe('automatic linking: directory failures', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'switchboard-autolink-'));
    store = openSqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const deps = (users: Partial<UserDirectory>): IdentityDeps => ({
    store,
    identity: store.identity(),
    users: users as UserDirectory,
    effects: {
      exclusive: (_a, fn) => fn(),
      kick: () => undefined,
      linksChanged: () => undefined,
      outboundQueued: () => undefined,
    },
    clock: systemClock,
    logger: silentLogger,
    newId: randomUUID,
  });

  it('asks for a retry when the directory is unreachable, and checks again next time', async () => {
    await store.commit({
      upsertAgents: [{ agentId: agentId('A1'), email: 'a@x.test', displayName: 'A', identities: [] }],
    });
    const down = deps({
      findByAddress: async () => Promise.reject(new CodedError('user_read_failed', '503')),
    });
    const first = await autoLink(down, agentId('A1'));
    assert.ok('retry' in first && /user_read_failed|503/.test(first.retry));
    assert.equal(await store.identity().autoLinkChecked(agentId('A1')), null);
    const id = teamsUserId(randomUUID());
    const up = deps({ findByAddress: async () => [{ id, userPrincipalName: 'a@x.test', displayName: 'A' }] });
    assert.deepEqual(await autoLink(up, agentId('A1')), { outcome: 'linked' });
    assert.equal((await store.getLinkByAgent(agentId('A1')))?.teamsUserId, id);
  });

  it('records a conflict when several Teams users share the address', async () => {
    await store.commit({
      upsertAgents: [{ agentId: agentId('A2'), email: 'dup@x.test', displayName: 'A', identities: [] }],
    });
    const two = [1, 2].map(() => ({
      id: teamsUserId(randomUUID()),
      userPrincipalName: 'dup@x.test',
      displayName: 'D',
    }));
    assert.deepEqual(await autoLink(deps({ findByAddress: async () => two }), agentId('A2')), {
      outcome: 'conflict',
    });
    const [conflict] = await store.identity().listConflicts(5);
    assert.equal(conflict?.teamsUserId, null);
    assert.match(conflict?.reason ?? '', /2 Teams users/);
  });
});
