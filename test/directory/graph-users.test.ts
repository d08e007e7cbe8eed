// The UserDirectory port on Graph /users, against the Graph emulator over real HTTP: lookups by id and UPN,
// mail/UPN matching without regard to case, paging that neither skips nor repeats, delta rounds, and the
// emulator's seeding, persistence and local-mode defaults.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator, type SeedUser } from '../../src/adapters/graph-emulator';
import { createGraphClient, staticToken } from '../../src/adapters/graph';
import { GraphUserDirectory, USERS_PAGE_SIZE } from '../../src/adapters/graph/graph-users';
import { CodedError } from '../../src/domain/errors';
import { call, graph } from '../graph-emulator/helpers';

const TOKEN = 'users-token';
const auth = { authorization: `Bearer ${TOKEN}` };

function people(count: number, prefix = 'user'): SeedUser[] {
  return Array.from({ length: count }, (_, i) => ({
    userPrincipalName: `${prefix}${i}@contoso.com`,
    displayName: `${prefix} ${String(i).padStart(5, '0')}`,
    mail: `${prefix}${i}@contoso.com`,
  }));
}

function directoryOn(emu: GraphEmulator): GraphUserDirectory {
  const client = createGraphClient({ baseUrl: emu.url, tokenProvider: staticToken(TOKEN), maxRetries: 0 });
  return new GraphUserDirectory(client, emu.url);
}

describe('UserDirectory on Graph /users (Graph emulator)', () => {
  let emu: GraphEmulator;
  let users: GraphUserDirectory;
  beforeEach(async () => {
    emu = await startGraphEmulator({ token: TOKEN });
    users = directoryOn(emu);
  });
  afterEach(() => emu.close());

  it('gets a user by object id and by UPN in any case; null when there is none', async () => {
    const [taylor] = emu.seedUsers([
      { userPrincipalName: 'Taylor@Contoso.com', displayName: 'Taylor Reed', jobTitle: 'Supervisor' },
    ]);
    const byId = await users.getUser(taylor!.id);
    assert.deepEqual(byId, {
      id: taylor!.id,
      userPrincipalName: 'Taylor@Contoso.com',
      displayName: 'Taylor Reed',
      jobTitle: 'Supervisor',
    });
    assert.deepEqual(await users.getUser('taylor@contoso.COM'), byId);
    assert.equal(await users.getUser('nobody@contoso.com'), null);
  });

  it('finds by mail or UPN case-insensitively, quotes and all', async () => {
    emu.seedUsers([
      { userPrincipalName: 'robin@contoso.onmicrosoft.com', displayName: 'Robin', mail: 'Robin@Contoso.com' },
      { userPrincipalName: "o'neil@contoso.com", displayName: "Pat O'Neil" },
      { userPrincipalName: 'ben@contoso.com', displayName: 'Ben', mail: 'ben@contoso.com' },
    ]);
    const byMail = await users.findByAddress('ROBIN@contoso.com');
    assert.deepEqual(
      byMail.map((u) => u.displayName),
      ['Robin'],
    );
    assert.deepEqual(
      (await users.findByAddress("O'Neil@contoso.com")).map((u) => u.displayName),
      ["Pat O'Neil"],
    );
    assert.deepEqual(await users.findByAddress('ghost@contoso.com'), []);
  });

  it('lists 2,500 users page by page through @odata.nextLink, each exactly once', async () => {
    emu.seedUsers(people(2500));
    const seen = new Set<string>();
    let pages = 0;
    let cursor: string | undefined;
    do {
      const page = await users.listUsers(cursor);
      pages += 1;
      for (const u of page.users) {
        assert.ok(!seen.has(u.id), `${u.id} listed twice`);
        seen.add(u.id);
      }
      cursor = page.next;
    } while (cursor);
    assert.equal(seen.size, 2500);
    assert.equal(pages, Math.ceil(2500 / USERS_PAGE_SIZE));
  });

  it('refuses a paging link that points outside GRAPH_BASE_URL (the token stays home)', async () => {
    await assert.rejects(
      users.listUsers('https://evil.example/v1.0/users?$skiptoken=x'),
      (e: unknown) => e instanceof CodedError && e.code === 'graph_link_foreign',
    );
  });

  it('delta: a full round, then only what changed, removals included', async () => {
    const seeded = emu.seedUsers(people(450));
    const changed: string[] = [];
    let link: string | undefined;
    let deltaLink: string | undefined;
    do {
      const page = await users.delta(link);
      changed.push(...page.changed.map((u) => u.id));
      link = page.next;
      deltaLink = page.deltaLink ?? deltaLink;
    } while (link);
    assert.equal(new Set(changed).size, 450);
    assert.ok(deltaLink);
    emu.seedUsers([{ ...people(1)[0]!, displayName: 'Renamed' }]);
    assert.ok(emu.removeUser(seeded[7]!.id));
    const next = await users.delta(deltaLink);
    assert.deepEqual(
      next.changed.map((u) => u.displayName),
      ['Renamed'],
    );
    assert.deepEqual(next.removed, [seeded[7]!.id]);
    assert.ok(next.deltaLink);
  });

  it('delta: a link from before a reset must start over (user_delta_expired)', async () => {
    emu.seedUsers(people(3));
    const { deltaLink } = await users.delta();
    emu.reset();
    await assert.rejects(
      users.delta(deltaLink),
      (e: unknown) => e instanceof CodedError && e.code === 'user_delta_expired',
    );
  });

  it('answers $top, $select and $filter as Graph does, and 400 for what it does not support', async () => {
    emu.seedUsers(people(5));
    const page = await graph(emu, 'GET', '/users?$top=2&$select=displayName', undefined, auth);
    const body = page.json as { value: Record<string, unknown>[]; '@odata.nextLink': string };
    assert.deepEqual(Object.keys(body.value[0]!).sort(), ['displayName', 'id']);
    assert.match(body['@odata.nextLink'], /\$top=2&\$select=displayName&\$skiptoken=/);
    assert.equal((await graph(emu, 'GET', '/users?$top=1000', undefined, auth)).status, 400);
    assert.equal((await graph(emu, 'GET', '/users?$select=salary', undefined, auth)).status, 400);
    const filter = encodeURIComponent("startswith(displayName,'u')");
    assert.equal((await graph(emu, 'GET', `/users?$filter=${filter}`, undefined, auth)).status, 400);
    const missing = await graph(emu, 'GET', '/users/nobody', undefined, auth);
    assert.equal(missing.status, 404);
    assert.equal((missing.json as { error: { code: string } }).error.code, 'Request_ResourceNotFound');
    assert.equal((await graph(emu, 'GET', '/users')).status, 401);
  });

  it('seeds through POST /_emulator/users, all or nothing, and forgets a removed user', async () => {
    const seeded = await call(`${emu.origin}/_emulator/users`, 'POST', { users: people(2) });
    assert.equal(seeded.status, 201);
    const clash = await call(`${emu.origin}/_emulator/users`, 'POST', {
      users: [
        { userPrincipalName: 'fresh@contoso.com', displayName: 'Fresh' },
        { id: 'other-id', userPrincipalName: 'USER0@contoso.com', displayName: 'Clash' },
      ],
    });
    assert.equal(clash.status, 409);
    assert.equal(await users.getUser('fresh@contoso.com'), null, 'nothing of a refused batch is kept');
    const bad = await call(`${emu.origin}/_emulator/users`, 'POST', { users: [{ displayName: 'No UPN' }] });
    assert.equal(bad.status, 400);
    const id = (seeded.json as { value: { id: string }[] }).value[0]!.id;
    assert.equal((await call(`${emu.origin}/_emulator/users/${id}`, 'DELETE')).status, 204);
    assert.equal(await users.getUser(id), null);
    assert.equal((await call(`${emu.origin}/_emulator/users/${id}`, 'DELETE')).status, 404);
  });
});

describe('Graph emulator users: persistence and local-mode defaults', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'emu-users-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts local mode with a handful of users and keeps seeded ones across a restart', async () => {
    const first = await startGraphEmulator({ token: TOKEN, dataDir: dir, defaultUsers: true });
    const initial = await directoryOn(first).listUsers();
    assert.ok(initial.users.length >= 5, 'a few default people');
    first.seedUsers([{ userPrincipalName: 'kept@contoso.com', displayName: 'Kept Person' }]);
    await first.close();
    const second = await startGraphEmulator({ token: TOKEN, dataDir: dir, defaultUsers: true });
    try {
      const again = await directoryOn(second).listUsers();
      assert.equal(again.users.length, initial.users.length + 1);
      assert.equal((await directoryOn(second).getUser('kept@contoso.com'))?.displayName, 'Kept Person');
    } finally {
      await second.close();
    }
  });
});
