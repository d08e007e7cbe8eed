// Issue 7 item 2: local mode restarted on the same DATA_DIR changes nothing a user can see. The emulator
// keeps its state in DATA_DIR/emulator.json, so Teams still shows the agent's Busy session and the sync
// account's rotated refresh token and subscription keep working.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { json, localEnv, startLocal, type LocalService } from '../cli/local-service';
import { eventually, newTeamsUserId } from '../support/switchboard-fixture';
import { DEFAULT_USERS } from '../../src/adapters/graph-emulator/users-control';

/** Covered by the sync account: the linked agent's user and the local tenant's directory people. */
const LOCAL_USERS = 1 + DEFAULT_USERS.length;

interface UserView {
  presence: { availability: string; activity: string };
}
interface Accounts {
  accounts: { subscriptionId: string | null; usersCovered: number; lastError: unknown }[];
}
interface Logged {
  value: { method: string; path: string; status: number }[];
}

describe('local mode across a restart', function () {
  this.timeout(60_000);
  let dataDir: string;
  const running: LocalService[] = [];
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-local-'));
  });
  afterEach(async () => {
    for (const service of running.splice(0)) await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>): Promise<LocalService> => {
    const service = await startLocal(env);
    running.push(service);
    return service;
  };
  const stop = async (service: LocalService): Promise<void> => {
    running.splice(running.indexOf(service), 1);
    assert.equal(await service.stop(), 0);
  };
  const teams = (service: LocalService, user: string) =>
    json<UserView>(fetch(`${service.emulator}/_emulator/users/${user}`));
  const account = async (service: LocalService) =>
    (await json<Accounts>(service.admin('GET', '/api/admin/sync-accounts'))).accounts[0];

  it('keeps the Busy agent InACall in Teams and the sync account working', async () => {
    const user = newTeamsUserId();
    const env = await localEnv(dataDir);
    const first = await start(env);
    assert.equal((await first.admin('PUT', '/api/admin/links/A100', { teamsUserId: user })).status, 201);
    const issued = await json<{ refresh_token: string }>(
      fetch(`${first.emulator}/_emulator/refresh-tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userPrincipalName: 'sync1@contoso.com' }),
      }),
    );
    const put = await first.admin('PUT', '/api/admin/sync-accounts/sync1', {
      refreshToken: issued.refresh_token,
    });
    assert.equal(put.status, 201);
    assert.equal((await first.sendState('A100', 'Busy')).status, 202);
    await eventually(async () => (await teams(first, user)).presence.activity === 'InACall', 15_000);
    // The linked agent, and the local tenant's other directory people in the room left (issue #10).
    await eventually(async () => (await account(first))?.usersCovered === LOCAL_USERS, 15_000);
    const subscriptionId = (await account(first))?.subscriptionId;
    await stop(first);

    const second = await start(env);
    const { availability, activity } = (await teams(second, user)).presence;
    assert.deepEqual({ availability, activity }, { availability: 'Busy', activity: 'InACall' });
    await eventually(async () => (await account(second))?.usersCovered === LOCAL_USERS, 15_000);
    const after = await account(second);
    assert.equal(after?.subscriptionId, subscriptionId, 'the same subscription, renewed');
    assert.equal(after?.lastError, null);
    const log = await json<Logged>(fetch(`${second.emulator}/_emulator/requests`));
    const renewals = log.value.filter(
      (r) => r.method === 'PATCH' && r.path.includes(`/subscriptions/${subscriptionId}`),
    );
    assert.ok(renewals.length > 0 && renewals.every((r) => r.status === 200), JSON.stringify(log.value));
    const tokenCalls = log.value.filter((r) => r.path.endsWith('/oauth2/v2.0/token'));
    assert.ok(tokenCalls.length > 0 && tokenCalls.every((r) => r.status === 200), JSON.stringify(tokenCalls));
    assert.doesNotMatch(second.child.output(), /AADSTS/);
  });
});
