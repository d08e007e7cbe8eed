// UsersRefresh against the Graph emulator and the embedded store: a first full round, delta rounds after,
// the deltaLink kept across a restart of the refresh, and a fresh full round when Graph forgets the link.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { createGraphClient, staticToken } from '../../src/adapters/graph';
import { GraphUserDirectory } from '../../src/adapters/graph/graph-users';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { UsersRefresh } from '../../src/directory/users-refresh';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';

const everyone = { prefix: null, type: null, after: null, limit: 200 } as const;

describe('UsersRefresh (Graph emulator, embedded store)', () => {
  let emu: GraphEmulator;
  let dir: string;
  let store: SqliteStore;
  const refresher = () => {
    const client = createGraphClient({ baseUrl: emu.url, tokenProvider: staticToken('t'), maxRetries: 0 });
    return new UsersRefresh(
      new GraphUserDirectory(client, emu.url),
      store.directory(),
      systemClock,
      silentLogger,
      60_000,
    );
  };
  beforeEach(async () => {
    emu = await startGraphEmulator({ token: 't' });
    dir = mkdtempSync(join(tmpdir(), 'users-refresh-'));
    store = openSqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads everyone once, then only changes, going on from the kept deltaLink after a restart', async () => {
    emu.seedUsers([
      { userPrincipalName: 'a@x.com', displayName: 'Ann' },
      { userPrincipalName: 'b@x.com', displayName: 'Bob' },
    ]);
    assert.deepEqual(await refresher().runOnce(), { full: true, requests: 1, changed: 2, removed: 0 });
    emu.seedUsers([{ userPrincipalName: 'c@x.com', displayName: 'Cy' }]);
    assert.deepEqual(await refresher().runOnce(), { full: false, requests: 1, changed: 1, removed: 0 });
    const names = (await store.directory().listContacts(everyone)).contacts.map((c) => c.displayName);
    assert.deepEqual(names, ['Ann', 'Bob', 'Cy']);
  });

  it('starts a full round again when Graph no longer knows the deltaLink, forgetting who is gone', async () => {
    emu.seedUsers([{ userPrincipalName: 'old@x.com', displayName: 'Old Timer' }]);
    await refresher().runOnce();
    emu.reset();
    emu.seedUsers([{ userPrincipalName: 'new@x.com', displayName: 'New Comer' }]);
    const result = await refresher().runOnce();
    assert.deepEqual(result, { full: true, requests: 1, changed: 1, removed: 1 });
    const names = (await store.directory().listContacts(everyone)).contacts.map((c) => c.displayName);
    assert.deepEqual(names, ['New Comer']);
  });

  it('a failed round resolves null and changes nothing; the next one succeeds', async () => {
    emu.seedUsers([{ userPrincipalName: 'a@x.com', displayName: 'Ann' }]);
    emu.injectFaults({ status: 500, count: 1 });
    assert.equal(await refresher().runOnce(), null);
    assert.equal(await store.directory().getSyncValue('users.deltaLink'), null);
    assert.equal((await refresher().runOnce())?.changed, 1);
  });
});
