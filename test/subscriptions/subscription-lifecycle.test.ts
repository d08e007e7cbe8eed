import assert from 'node:assert/strict';
import {
  CLIENT_ID,
  eventually,
  graphCalls,
  MINUTE,
  newUserId,
  postJson,
  startHarness,
  type Harness,
} from './harness';

describe('presence subscriptions: create, renew, lifecycle (emulator over HTTP, fake clock)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  async function registerAccount(name: string, upn = `${name}@contoso.com`) {
    const result = await h.setup.manager.addAccount({
      name,
      refreshToken: h.emulator.issueDelegatedRefreshToken(upn),
      userPrincipalName: upn,
    });
    assert.equal(result.ok, true);
    await h.setup.manager.idle();
  }

  it('creates one subscription per account after Graph’s validation handshake against our route', async () => {
    const users = [newUserId(), newUserId()];
    h.store.link(...users);
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const created = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/);
    assert.equal(created.length, 1);
    assert.equal(created[0]?.status, 201);
    const body = created[0]?.body as Record<string, string>;
    assert.equal(body.notificationUrl, `${h.url}/api/graph/notifications`);
    assert.equal(body.lifecycleNotificationUrl, `${h.url}/api/graph/lifecycle`);
    assert.equal(body.resource, `/communications/presences?$filter=id in ('${users.sort().join("','")}')`);
    assert.ok(body.clientState && body.clientState.length <= 128);
    assert.deepEqual([...h.setup.manager.coveredUsers()].sort(), users.sort());
    const [view] = h.setup.manager.listAccounts();
    assert.equal(view?.usersCovered, 2);
    assert.equal(view?.lastError, null);
  });

  it('renews before expiry, so the subscription still notifies after its first hour', async () => {
    const user = newUserId();
    h.store.link(user);
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const start = h.clock.now();
    h.clock.advance(41 * MINUTE);
    await h.setup.manager.idle();
    const renewals = graphCalls(h.emulator, 'PATCH', /^\/v1\.0\/subscriptions\//);
    assert.equal(renewals.length, 1);
    assert.equal(renewals[0]?.status, 200);
    h.clock.advanceTo(start + 61 * MINUTE);
    await h.setup.manager.idle();
    assert.ok(h.setup.manager.coveredUsers().has(user), 'still covered after the first hour');
    h.emulator.setClientPresence(user, { availability: 'Busy', activity: 'InACall' });
    await eventually(() => h.received.length > 0);
    assert.equal(h.received[0]?.[0]?.teamsUserId, user);
  });

  it('answers reauthorizationRequired with POST /subscriptions/{id}/reauthorize', async () => {
    h.store.link(newUserId());
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const id = h.setup.manager.listAccounts()[0]?.subscriptionId ?? '';
    assert.equal(h.emulator.triggerLifecycle(id, 'reauthorizationRequired'), true);
    await eventually(() => graphCalls(h.emulator, 'POST', /\/reauthorize$/).length === 1);
    await h.setup.manager.idle();
    assert.equal(
      graphCalls(h.emulator, 'POST', /\/reauthorize$/)[0]?.path,
      `/v1.0/subscriptions/${id}/reauthorize`,
    );
    assert.equal(h.setup.manager.listAccounts()[0]?.subscriptionId, id, 'the same subscription lives on');
  });

  it('renews when reauthorize fails', async () => {
    h.store.link(newUserId());
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const id = h.setup.manager.listAccounts()[0]?.subscriptionId ?? '';
    h.emulator.injectFaults({ status: 500, count: 1 });
    h.emulator.triggerLifecycle(id, 'reauthorizationRequired');
    await eventually(() => graphCalls(h.emulator, 'PATCH', /^\/v1\.0\/subscriptions\//).length === 1);
    await h.setup.manager.idle();
    assert.equal(graphCalls(h.emulator, 'PATCH', /^\/v1\.0\/subscriptions\//)[0]?.status, 200);
    assert.equal(h.setup.manager.listAccounts()[0]?.lastError, null);
  });

  it('replaces the subscription (delete, then create with a new clientState) when its users change', async () => {
    h.store.link(newUserId());
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const first = h.setup.manager.listAccounts()[0]?.subscriptionId;
    const added = newUserId();
    h.store.link(added);
    await h.setup.manager.reconcile();
    const second = h.setup.manager.listAccounts()[0]?.subscriptionId;
    assert.notEqual(second, first);
    assert.deepEqual(
      graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//).map((r) => r.path),
      [`/v1.0/subscriptions/${first}`],
    );
    const creates = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/).map(
      (r) => r.body as Record<string, string>,
    );
    assert.notEqual(creates[0]?.clientState, creates[1]?.clientState);
    assert.ok(h.setup.manager.coveredUsers().has(added));
  });

  it('leaves users to polling while Graph fails, and covers them once a retry succeeds', async () => {
    const user = newUserId();
    h.store.link(user);
    await h.setup.manager.start();
    h.emulator.injectFaults({ status: 500, count: 2 });
    await registerAccount('sync-1');
    const [failing] = h.setup.manager.listAccounts();
    assert.equal(failing?.subscriptionId, null);
    assert.equal(failing?.lastError?.code, 'InternalServerError');
    assert.equal(h.setup.manager.coveredUsers().has(user), false);
    h.clock.advance(31_000); // first retry after 30 s: fails again
    await h.setup.manager.idle();
    assert.equal(h.setup.manager.coveredUsers().has(user), false);
    h.clock.advance(61_000); // the next one waits twice as long
    await h.setup.manager.idle();
    assert.equal(h.setup.manager.coveredUsers().has(user), true);
    assert.equal(h.setup.manager.listAccounts()[0]?.lastError, null);
  });

  it('deletes the subscription of a removed account and stops covering its users', async () => {
    h.store.link(newUserId());
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const id = h.setup.manager.listAccounts()[0]?.subscriptionId;
    assert.equal(await h.setup.manager.removeAccount('sync-1'), true);
    await h.setup.manager.idle();
    assert.deepEqual(
      graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//).map((r) => r.status),
      [204],
    );
    assert.equal(
      graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//)[0]?.path,
      `/v1.0/subscriptions/${id}`,
    );
    assert.equal(h.setup.manager.coveredUsers().size, 0);
    assert.deepEqual(h.setup.manager.listAccounts(), []);
  });

  it('after a restart, confirms the stored subscription by renewing it and keeps checking its clientState', async () => {
    const user = newUserId();
    h.store.link(user);
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const id = h.setup.manager.listAccounts()[0]?.subscriptionId;
    await h.setup.manager.stop();
    const restarted = h.restartedSetup().manager;
    await restarted.start();
    assert.equal(restarted.coveredUsers().size, 0, 'not counted before Graph confirms it');
    await restarted.idle();
    assert.equal(restarted.listAccounts()[0]?.subscriptionId, id);
    assert.equal(graphCalls(h.emulator, 'PATCH', /^\/v1\.0\/subscriptions\//).length, 1);
    assert.ok(restarted.coveredUsers().has(user));
    const created = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/)[0]?.body as {
      clientState: string;
    };
    assert.equal(restarted.checkClientState(id ?? '', created.clientState), true);
    assert.equal(restarted.checkClientState(id ?? '', `${created.clientState}x`), false);
    await restarted.stop();
  });

  it('clears away a subscription it lost track of (Graph answers 409) and creates its own', async () => {
    const user = newUserId();
    h.store.link(user);
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: h.emulator.issueDelegatedRefreshToken('sync-1@contoso.com'),
      client_id: CLIENT_ID,
    });
    const tokenRes = await fetch(`${h.emulator.origin}/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: form,
    });
    const { access_token: token } = (await tokenRes.json()) as { access_token: string };
    const orphan = await postJson(
      `${h.emulator.url}/subscriptions`,
      {
        changeType: 'updated',
        resource: `/communications/presences/${user}`,
        notificationUrl: `${h.url}/api/graph/notifications`,
        expirationDateTime: new Date(h.clock.now() + 30 * MINUTE).toISOString(),
        clientState: 'from-before-a-crash',
      },
      { authorization: `Bearer ${token}` },
    );
    assert.equal(orphan.status, 201);
    const orphanId = (JSON.parse(orphan.text) as { id: string }).id;
    await h.setup.manager.start();
    await registerAccount('sync-1');
    const statuses = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/).map((r) => r.status);
    assert.deepEqual(statuses, [201, 409, 201]);
    assert.deepEqual(
      graphCalls(h.emulator, 'DELETE', /^\/v1\.0\/subscriptions\//).map((r) => r.path),
      [`/v1.0/subscriptions/${orphanId}`],
    );
    assert.ok(h.setup.manager.coveredUsers().has(user));
  });
});
