// The local preview's routes (bot/http/tab-config-route.ts): in local mode the emulator's users and a
// sign-in whose token passes the tab's real SSO verification; without local mode neither route exists.
import assert from 'node:assert/strict';
import { createHttpServer, type HttpServer } from '../../bot/http/server';
import { LOCAL_DEMO_USERS, localTabConfig, mountTabConfig } from '../../bot/http/tab-config-route';
import { mountTab } from '../../bot/http/tab-routes';
import { EMULATOR_TENANT_ID } from '../../src/adapters/graph-emulator';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { DirectoryUser, UserDirectory } from '../../src/ports/user-directory.port';
import { teamsUserId } from '../../src/domain/ids';
import { startFixture, type Fixture } from '../support/switchboard-fixture';
import { TAB_CLIENT_ID } from './tab-harness';

const noGateway = {
  setPresence: async () => ({ ok: false, retryable: false, status: 0, code: 'x', message: 'x' }) as const,
  clearPresence: async () => ({ ok: false, retryable: false, status: 0, code: 'x', message: 'x' }) as const,
  getPresences: async () => [],
};

/** The emulator's directory as the tab config reads it: its first page of users. */
const directoryUsers: DirectoryUser[] = [
  {
    id: teamsUserId('00000000-0000-4000-8000-000000000001'),
    userPrincipalName: 'adele@contoso.com',
    displayName: 'Adele Vance',
  },
  {
    id: teamsUserId('00000000-0000-4000-8000-000000000002'),
    userPrincipalName: 'alex@contoso.com',
    displayName: 'Alex Wilber',
  },
];
const fakeDirectory = (users: DirectoryUser[]): UserDirectory => ({
  getUser: async () => null,
  findByAddress: async () => [],
  listUsers: async () => ({ users }),
  delta: async () => ({ changed: [], removed: [] }),
});
const claims = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { roles?: string[] };

describe('tab config (local preview)', function () {
  this.timeout(30_000);
  let f: Fixture;
  let local: HttpServer;
  let remote: HttpServer;
  let localUrl: string;
  let remoteUrl: string;
  let emptyUrl: string;
  let empty: HttpServer;

  before(async () => {
    f = await startFixture();
    const sync = {
      store: f.app.store,
      gateway: noGateway,
      clock: systemClock,
      logger: silentLogger,
      profile: () => eightByEight,
      sessionMinutes: 30,
    };
    const sso = { authorityHost: f.emulator.origin, clientId: TAB_CLIENT_ID, tenantId: EMULATOR_TENANT_ID };
    const serve = async (config: ReturnType<typeof localTabConfig> | null) => {
      const http = createHttpServer();
      mountTabConfig(http.server, config);
      mountTab(http.server, { sync, sso, distDir: '' });
      const url = await http.listen(0, '127.0.0.1');
      http.markReady();
      return { http, url };
    };
    const withUsers = localTabConfig(f.emulator, f.app.store, TAB_CLIENT_ID, fakeDirectory(directoryUsers));
    ({ http: local, url: localUrl } = await serve(withUsers));
    ({ http: remote, url: remoteUrl } = await serve(null));
    const nobody = { ...f.app.store, listLinks: async () => [] };
    ({ http: empty, url: emptyUrl } = await serve(
      localTabConfig(f.emulator, nobody, TAB_CLIENT_ID, fakeDirectory([])),
    ));
  });
  after(async () => {
    await local?.close();
    await remote?.close();
    await empty?.close();
    await f?.close();
  });

  const signIn = (url: string, body: string, type = 'application/json') =>
    fetch(`${url}/api/tab/config/sign-in`, { method: 'POST', headers: { 'content-type': type }, body });

  it("offers the emulator's users and every linked Teams user, once each", async () => {
    const linked = '0b5c1a77-8a35-4b8e-9d4c-6f7a8b9c0d1e';
    await f.admin('PUT', '/api/admin/links/A7', { teamsUserId: linked, upn: 'lee@contoso.example' });
    await f.admin('PUT', '/api/admin/links/A8', { teamsUserId: directoryUsers[0]?.id });
    const r = await fetch(`${localUrl}/api/tab/config`);
    assert.equal(r.status, 200);
    const body = (await r.json()) as {
      mode: string;
      emulator: string;
      users: { oid: string; upn: string }[];
    };
    assert.equal(body.mode, 'local');
    assert.equal(body.emulator, f.emulator.origin);
    const oids = body.users.map((u) => u.oid);
    assert.deepEqual(oids, [...directoryUsers.map((u) => String(u.id)), linked]);
    assert.equal(body.users[0]?.upn, 'adele@contoso.com');
    assert.equal(body.users.find((u) => u.oid === linked)?.upn, 'lee@contoso.example');
  });

  it('falls back to demo users on an empty tenant, so there is always someone to be', async () => {
    const body = (await (await fetch(`${emptyUrl}/api/tab/config`)).json()) as { users: { oid: string }[] };
    assert.deepEqual(
      body.users.map((u) => u.oid),
      LOCAL_DEMO_USERS.map((u) => u.oid),
    );
  });

  it('signs in with a token that /api/tab/me accepts through the real SSO check', async () => {
    const adele = directoryUsers[0];
    const avery = adele && { oid: String(adele.id), name: adele.displayName, upn: adele.userPrincipalName };
    const r = await signIn(localUrl, JSON.stringify({ oid: avery?.oid }));
    assert.equal(r.status, 200);
    const { token } = (await r.json()) as { token: string };
    const me = await fetch(`${localUrl}/api/tab/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { user: { oid: string; upn: string } };
    assert.deepEqual(body.user, { oid: avery?.oid, name: avery?.name, upn: avery?.upn });
    assert.equal(claims(token).roles, undefined);
    const admin = await signIn(localUrl, JSON.stringify({ oid: avery?.oid, admin: true }));
    assert.deepEqual(claims(((await admin.json()) as { token: string }).token).roles, ['Switchboard.Admin']);
  });

  it('refuses unknown users and bad bodies with clear codes', async () => {
    const unknown = await signIn(localUrl, JSON.stringify({ oid: 'someone-else' }));
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as any).error.code, 'unknown_user');
    const bad = await signIn(localUrl, '{"oid": 5}');
    assert.equal(((await bad.json()) as any).error.code, 'invalid_request');
    const badAdmin = await signIn(localUrl, JSON.stringify({ oid: 'x', admin: 'yes' }));
    assert.equal(badAdmin.status, 400);
    assert.equal((await signIn(localUrl, 'oid=x', 'text/plain')).status, 415);
    assert.equal((await signIn(localUrl, JSON.stringify({ oid: 'x'.repeat(5000) }))).status, 413);
  });

  it('does not exist outside local mode, so production never hands out a token', async () => {
    const config = await fetch(`${remoteUrl}/api/tab/config`);
    assert.equal(config.status, 404);
    assert.equal(((await config.json()) as any).error.code, 'not_found');
    const r = await signIn(remoteUrl, JSON.stringify({ oid: LOCAL_DEMO_USERS[0]?.oid }));
    assert.equal(r.status, 404);
    assert.equal(JSON.stringify(await r.json()).includes('token"'), false);
  });
});
