// Starts the real Switchboard against the Graph emulator (test/support/switchboard-fixture.ts) and mounts the
// tab on an HTTP edge of its own over the same store, with the emulator as the SSO identity provider. The
// tab is mounted here rather than reached through bot/app.ts so these suites do not depend on its wiring.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpServer } from '../../bot/http/server';
import type { SsoSettings } from '../../bot/http/sso-auth';
import { mountTab } from '../../bot/http/tab-routes';
import { EMULATOR_TENANT_ID, type SsoTokenRequest } from '../../src/adapters/graph-emulator';
import { eightByEight } from '../../src/domain/profiles/eight-by-eight';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import type { PresenceGateway } from '../../src/ports/presence-gateway.port';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { startFixture, type Fixture } from '../support/switchboard-fixture';

export const TAB_CLIENT_ID = '3c1f5d2e-7a8b-4c9d-8e0f-1a2b3c4d5e6f';

/** The tab only reads; a write through this gateway would be a bug in the tab. */
const readOnlyGateway: PresenceGateway = {
  setPresence: async () => ({ ok: false, retryable: false, status: 0, code: 'read_only', message: 'tab' }),
  clearPresence: async () => ({ ok: false, retryable: false, status: 0, code: 'read_only', message: 'tab' }),
  getPresences: async () => [],
};

export interface TabHarness {
  readonly fixture: Fixture;
  /** Origin of the HTTP edge the tab is mounted on. */
  readonly url: string;
  readonly sso: SsoSettings;
  /** A valid SSO token for `oid` unless overridden. */
  token(oid: string, overrides?: Partial<SsoTokenRequest>): string;
  get(path: string, token?: string): Promise<{ status: number; headers: Headers; json: any }>;
  close(): Promise<void>;
}

export async function startTabHarness(distDir?: string): Promise<TabHarness> {
  const fixture = await startFixture();
  const emptyDist = distDir ? null : mkdtempSync(join(tmpdir(), 'switchboard-tab-'));
  const sync: SyncDeps = {
    store: fixture.app.store,
    gateway: readOnlyGateway,
    clock: systemClock,
    logger: silentLogger,
    profile: () => eightByEight,
    sessionMinutes: 30,
  };
  const sso = {
    authorityHost: fixture.emulator.origin,
    clientId: TAB_CLIENT_ID,
    tenantId: EMULATOR_TENANT_ID,
  };
  const http = createHttpServer();
  mountTab(http.server, { sync, sso, distDir: distDir ?? emptyDist ?? '' });
  const url = await http.listen(0, '127.0.0.1');
  http.markReady();
  return {
    fixture,
    url,
    sso,
    token: (oid, overrides = {}) => fixture.emulator.issueSsoToken({ oid, aud: TAB_CLIENT_ID, ...overrides }),
    async get(path, token) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      const response = await fetch(`${url}${path}`, { headers, redirect: 'manual' });
      const text = await response.text();
      const json: unknown =
        text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text;
      return { status: response.status, headers: response.headers, json };
    },
    async close() {
      await http.close();
      await fixture.close();
      if (emptyDist) rmSync(emptyDist, { recursive: true, force: true });
    },
  };
}
