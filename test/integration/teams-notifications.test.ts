// Teams → contact center through Graph change notifications (polling held back): a sync account's
// subscription covers the linked user, the emulator notifies, and the request reaches the contact center.
import assert from 'node:assert/strict';
import { startWithContactCenter, type ContactCenterFixture } from '../support/contact-center-fixture';
import { freePort } from '../support/free-port';
import { eventually, stateEvent, type Fixture } from '../support/switchboard-fixture';

describe('Teams → contact center (change notifications)', function () {
  this.timeout(30_000);
  let t: ContactCenterFixture;
  let f: Fixture;
  let user: string;
  let requests: () => any[];

  beforeEach(async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      PRESENCE_POLL_SECONDS: '3600',
    };
    t = await startWithContactCenter(env);
    ({ f, user, requests } = t);
    const refreshToken = f.emulator.issueDelegatedRefreshToken('sync@contoso.com');
    assert.equal((await f.admin('PUT', '/api/admin/sync-accounts/sync1', { refreshToken })).status, 201);
    await eventually(
      async () => (await f.admin('GET', '/api/admin/sync-accounts')).json.accounts?.[0]?.usersCovered === 1,
      10_000,
    );
    await f.postEvents(stateEvent('A100', 'Available'));
    await f.app.engine.idle();
  });
  afterEach(() => t.close());

  it('turns a Teams call into Work Offline from a notification alone', async () => {
    f.emulator.setClientPresence(user, { availability: 'Busy', activity: 'InACall' });
    await eventually(() => requests().length === 1, 10_000);
    assert.equal(requests()[0].state, 'Work Offline');
    assert.deepEqual(requests()[0].cause, { teams: { availability: 'Busy', activity: 'InACall' } });
  });

  it('changes nothing for a forged notification with the wrong clientState', async () => {
    const account = (await f.admin('GET', '/api/admin/sync-accounts')).json.accounts[0];
    const before = (await f.admin('GET', '/api/admin/agents/A100/status')).json.recentDecisions.length;
    const forged = {
      value: [
        {
          subscriptionId: account.subscriptionId,
          clientState: 'guessed',
          changeType: 'updated',
          resource: `communications/presences('${user}')`,
          resourceData: { id: user },
        },
      ],
    };
    const res = await fetch(`${f.app.url}/api/graph/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    assert.equal(res.status, 202);
    await f.app.engine.idle();
    const after = (await f.admin('GET', '/api/admin/agents/A100/status')).json.recentDecisions.length;
    assert.equal(after, before);
    assert.equal(requests().length, 0);
  });
});
