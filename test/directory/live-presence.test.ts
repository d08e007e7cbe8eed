// Issue #10 parts 1–2 on the running service with real-style settings (Graph and Entra on the emulator,
// AZURE_TENANT_ID set, BOT_ID set and empty): user.presence onCall → "On a call" in Teams through our session
// and back to "No sync" (session cleared); a Teams change of a directory person → directory.presence at the
// contact center, by polling and by notifications, once per vendor presence.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { EMULATOR_TENANT_ID } from '../../src/adapters/graph-emulator';
import { personKey } from '../../src/domain/person-key';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { freePort } from '../support/free-port';
import { databaseUrl, dropSchema, freshSchema } from '../support/pg-schema';
import {
  CC_SECRET,
  eventually,
  startFixture,
  stateEvent,
  type Fixture,
} from '../support/switchboard-fixture';

const CLIENT_ID = '6b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const realStyle = {
  AZURE_TENANT_ID: EMULATOR_TENANT_ID,
  AZURE_CLIENT_ID: CLIENT_ID,
  AZURE_CLIENT_SECRET: 'unused',
  BOT_ID: '',
};

function userPresence(email: string, presence: string, occurredAt = new Date().toISOString()) {
  return { id: `up-${randomUUID()}`, type: 'user.presence', occurredAt, email, presence };
}

const ourSession = (f: Fixture, user: string) =>
  f.emulator.sessionsOf(user).find((s) => s.sessionId === CLIENT_ID);

/** The embedded store, then PostgreSQL (a fresh schema each test): the same behaviour on both. */
const STORES: {
  name: string;
  env: () => Record<string, string>;
  drop: (env: Record<string, string>) => Promise<void>;
}[] = [
  { name: 'SQLite', env: () => ({}), drop: async () => undefined },
  {
    name: 'PostgreSQL',
    env: () => ({ DATABASE_URL: databaseUrl, DATABASE_SCHEMA: freshSchema('live') }),
    drop: (env) => dropSchema(env.DATABASE_SCHEMA ?? ''),
  },
];

for (const backing of STORES)
  describe(`live directory presence (issue #10 parts 1 and 2, ${backing.name})`, function () {
    this.timeout(60_000);
    let storeEnv: Record<string, string> = {};
    let cc: Receiver;
    let f: Fixture;
    let ana: string;
    let bo: string;
    const directorySends = () => cc.accepted().filter((b) => b.type === 'directory.presence');

    async function start(env: Record<string, string> = {}): Promise<void> {
      cc = await startReceiver(CC_SECRET, () => Date.now() / 1000);
      storeEnv = backing.env();
      f = await startFixture({ ...realStyle, ...storeEnv, CC_OUTBOUND_URL: cc.url, ...env });
      const seeded = f.emulator.seedUsers([
        { userPrincipalName: 'ana@contoso.com', displayName: 'Ana Lima', mail: 'ana.lima@contoso.com' },
        { userPrincipalName: 'bo@contoso.com', displayName: 'Bo Berg', mail: 'bo@contoso.com' },
      ]);
      ana = seeded[0]!.id;
      bo = seeded[1]!.id;
      f.emulator.setClientPresence(ana, { availability: 'Available', activity: 'Available' });
      f.emulator.setClientPresence(bo, { availability: 'Available', activity: 'Available' });
      await f.app.directory.refresh.runOnce();
    }
    afterEach(async () => {
      await f.close();
      await cc.close();
      await backing.drop(storeEnv);
    });

    describe('user.presence → Teams', () => {
      beforeEach(() => start({ DIRECTORY_POLL_SECONDS: '3600', PRESENCE_POLL_SECONDS: '3600' }));

      it('onCall shows On a call through our session; any other presence clears it (No sync)', async () => {
        const onCall = userPresence('ANA.LIMA@contoso.com', 'onCall');
        assert.deepEqual((await f.postEvents(onCall)).json, { accepted: 1, duplicates: 0 });
        await eventually(() => f.emulator.presenceOf(ana).activity === 'InACall');
        assert.equal(f.emulator.presenceOf(ana).availability, 'Busy');
        await f.app.engine.idle();
        assert.deepEqual(await f.app.store.eventStatus(onCall.id), { status: 'applied', reason: null });
        assert.ok(ourSession(f, ana), 'a session of our app');
        // The same id again is a duplicate, applied once.
        assert.deepEqual((await f.postEvents(onCall)).json, { accepted: 0, duplicates: 1 });

        const away = userPresence('ana.lima@contoso.com', 'away');
        await f.postEvents(away);
        await eventually(() => ourSession(f, ana) === undefined);
        assert.equal(f.emulator.presenceOf(ana).activity, 'Available', "the user's own presence again");
        await f.app.engine.idle();
        const decisions = await f.app.store.listDecisions(personKey('ana.lima@contoso.com'), 10);
        assert.match(decisions[0]?.reason ?? '', /away is "No sync"/);
        assert.match(decisions[1]?.reason ?? '', /onCall → Teams In a call for ana@contoso.com/);
      });

      it('an older user.presence is stale; an unknown email fails with a reason, not a 400', async () => {
        const now = Date.now();
        const newer = userPresence('bo@contoso.com', 'onCall', new Date(now).toISOString());
        await f.postEvents(newer);
        await eventually(() => f.emulator.presenceOf(bo).activity === 'InACall');
        const older = userPresence('bo@contoso.com', 'away', new Date(now - 60_000).toISOString());
        await f.postEvents(older);
        await eventually(async () => (await f.app.store.eventStatus(older.id))?.status === 'stale');
        assert.equal(f.emulator.presenceOf(bo).activity, 'InACall');

        const unknown = userPresence('nobody@contoso.com', 'onCall');
        assert.equal((await f.postEvents(unknown)).status, 202);
        await eventually(async () => (await f.app.store.eventStatus(unknown.id))?.status === 'failed');
        assert.deepEqual(await f.app.store.eventStatus(unknown.id), {
          status: 'failed',
          reason: 'no_teams_user',
        });
        const bad = await f.postEvents({ ...userPresence('not-an-email', 'onCall') });
        assert.equal(bad.status, 400);
      });

      it('a linked agent keeps the agent state: user.presence does not touch Teams', async () => {
        await f.admin('PUT', '/api/admin/links/A-bo', { teamsUserId: bo });
        await f.postEvents(stateEvent('A-bo', 'Available'));
        await eventually(() => f.emulator.presenceOf(bo).activity === 'Available' && !!ourSession(f, bo));
        const onCall = userPresence('bo@contoso.com', 'onCall');
        await f.postEvents(onCall);
        await eventually(async () => (await f.app.store.eventStatus(onCall.id))?.status === 'applied');
        assert.equal(ourSession(f, bo)?.activity, 'Available', 'the agent state still shows');
        const [decision] = await f.app.store.listDecisions(personKey('bo@contoso.com'), 1);
        assert.match(
          decision?.reason ?? '',
          /linked to agent A-bo: the agent's contact-center state decides/,
        );
      });
    });

    describe('Teams → directory.presence by polling', () => {
      beforeEach(() => start({ DIRECTORY_POLL_SECONDS: '3600', PRESENCE_POLL_SECONDS: '3600' }));
      /** One polling round now (the scheduled ones are an hour apart here). */
      async function poll(): Promise<void> {
        await eventually(() => f.app.livePresence.poller() !== null);
        await f.app.livePresence.poller()?.runOnce();
      }

      it('sends each person once per vendor presence, in the vendor terms of seed 001', async () => {
        await poll();
        await eventually(() => directorySends().length === 2);
        const first = new Map(directorySends().map((b) => [b.teamsUserId, b]));
        assert.deepEqual(
          { ...first.get(ana), id: undefined, occurredAt: undefined },
          {
            id: undefined,
            occurredAt: undefined,
            type: 'directory.presence',
            email: 'ana.lima@contoso.com',
            teamsUserId: ana,
            presence: 'Available',
            teams: { availability: 'Available', activity: 'Available' },
          },
        );
        f.emulator.setClientPresence(ana, { availability: 'Busy', activity: 'InAMeeting' });
        await poll();
        await eventually(() => directorySends().length === 3);
        assert.equal(directorySends()[2].presence, 'onCall', 'In a meeting → onCall');
        // Busy/InACall is also onCall: Teams changed, the vendor presence did not, so nothing is sent.
        f.emulator.setClientPresence(ana, { availability: 'Busy', activity: 'InACall' });
        assert.equal((await f.app.livePresence.poller()?.runOnce())?.queued, 0);
        assert.equal(directorySends().length, 3);
        f.emulator.setClientPresence(ana, { availability: 'Away', activity: 'Away' });
        await poll();
        await eventually(() => directorySends().length === 4);
        assert.equal(directorySends()[3].presence, 'away');
      });
    });

    describe('Teams → directory.presence by notifications', () => {
      beforeEach(async () => {
        const port = await freePort();
        await start({
          PORT: String(port),
          PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
          PRESENCE_POLL_SECONDS: '3600',
          DIRECTORY_POLL_SECONDS: '3600',
        });
      });

      it('a sync account watches linked agents first, then other directory people; both send directory.presence', async () => {
        await f.admin('PUT', '/api/admin/links/A-ana', { teamsUserId: ana });
        const refreshToken = f.emulator.issueDelegatedRefreshToken('sync@contoso.com');
        assert.equal((await f.admin('PUT', '/api/admin/sync-accounts/sync1', { refreshToken })).status, 201);
        await eventually(
          async () =>
            (await f.admin('GET', '/api/admin/sync-accounts')).json.accounts?.[0]?.usersCovered === 2,
          10_000,
        );
        f.emulator.setClientPresence(ana, { availability: 'DoNotDisturb', activity: 'Presenting' });
        f.emulator.setClientPresence(bo, { availability: 'Busy', activity: 'InACall' });
        // (The poller's first round may have reported Bo as Available before the sync account covered him.)
        const latest = () => new Map(directorySends().map((b) => [b.teamsUserId, b]));
        await eventually(
          () => latest().get(ana)?.presence === 'doNotDisturb' && latest().get(bo)?.presence === 'onCall',
          10_000,
        );
        const anaSends = directorySends().filter((b) => b.teamsUserId === ana);
        assert.equal(
          anaSends.filter((b) => b.presence === 'doNotDisturb').length,
          1,
          'once per vendor presence',
        );
        const byUser = latest();
        assert.equal(byUser.get(ana)?.presence, 'doNotDisturb');
        assert.deepEqual(byUser.get(ana)?.teams, { availability: 'DoNotDisturb', activity: 'Presenting' });
        assert.equal(byUser.get(ana)?.email, 'ana.lima@contoso.com');
        assert.equal(byUser.get(bo)?.presence, 'onCall', 'an unlinked directory person, by notification');
        assert.equal(
          (await f.app.livePresence.poller()?.runOnce())?.polled,
          0,
          'covered people are not polled',
        );
      });
    });
  });
