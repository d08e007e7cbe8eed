import assert from 'node:assert/strict';
import { graphCalls, newUserId, startHarness, type Harness } from './harness';

describe('presence subscriptions: users spread over sync accounts (emulator over HTTP)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function register(name: string): Promise<void> {
    const upn = `${name}@contoso.com`;
    const result = await h.setup.manager.addAccount({
      name,
      refreshToken: h.emulator.issueDelegatedRefreshToken(upn),
    });
    assert.equal(result.ok, true);
  }

  const createdUserCounts = () =>
    graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/)
      .filter((r) => r.status === 201)
      .map((r) => ((r.body as { resource: string }).resource.match(/'/g)?.length ?? 0) / 2);

  it('covers 1,300 users with two accounts, one subscription of 650 each', async () => {
    h.store.link(...Array.from({ length: 1300 }, newUserId));
    await h.setup.manager.start();
    await register('sync-a');
    await register('sync-b');
    await h.setup.manager.reconcile();
    assert.equal(h.setup.manager.coveredUsers().size, 1300);
    assert.deepEqual(
      h.setup.manager.listAccounts().map((a) => [a.name, a.usersCovered]),
      [
        ['sync-a', 650],
        ['sync-b', 650],
      ],
    );
    assert.deepEqual(createdUserCounts().slice(-2), [650, 650]);
  });

  it('without a third account, the users beyond 2 × 650 stay uncovered (polled)', async () => {
    const users = Array.from({ length: 1400 }, newUserId);
    h.store.link(...users);
    await h.setup.manager.start();
    await register('sync-a');
    await register('sync-b');
    await h.setup.manager.reconcile();
    const covered = h.setup.manager.coveredUsers();
    assert.equal(covered.size, 1300);
    assert.equal(users.filter((u) => !covered.has(u)).length, 100);
    assert.equal(h.setup.manager.summary().overflowUsers, 100);
  });

  it('adding a user replaces one account’s subscription only; nobody moves', async () => {
    await h.setup.manager.start();
    await register('sync-a');
    await register('sync-b');
    h.store.link(...Array.from({ length: 20 }, newUserId));
    await h.setup.manager.reconcile();
    assert.deepEqual(
      h.setup.manager.listAccounts().map((a) => a.usersCovered),
      [10, 10],
    );
    const before = new Map(h.setup.manager.listAccounts().map((a) => [a.name, a.subscriptionId]));
    const coveredBefore = h.setup.manager.coveredUsers();
    h.store.link(newUserId());
    await h.setup.manager.reconcile();
    const after = h.setup.manager.listAccounts();
    const replaced = after.filter((a) => a.subscriptionId !== before.get(a.name));
    assert.equal(replaced.length, 1);
    assert.equal(graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//).length, 1);
    const coveredAfter = h.setup.manager.coveredUsers();
    assert.equal(coveredAfter.size, 21);
    for (const u of coveredBefore) assert.ok(coveredAfter.has(u));
  });
});
