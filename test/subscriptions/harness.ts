// A sync-accounts set-up as bot/app.ts would build it: the real Graph emulator over HTTP (on a FakeClock),
// a real restify server hosting the notification and admin routes, and an in-memory Store for settings/links.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpServer, type HttpServer } from '../../bot/http/server';
import {
  setUpSubscriptions,
  type SubscriptionsSetup,
  type SubscriptionsSetupOptions,
} from '../../bot/subscriptions-setup';
import {
  EMULATOR_TENANT_ID,
  startGraphEmulator,
  type GraphEmulator,
} from '../../src/adapters/graph-emulator';
import { agentId, teamsUserId } from '../../src/domain/ids';
import { silentLogger, type Logger } from '../../src/ports/logger.port';
import type { Link, Store } from '../../src/ports/store.port';
import type { PresenceChange } from '../../src/subscriptions/presence-change';
import { FakeClock } from '../support/fake-clock';

export const CLIENT_ID = '3c1f4a5e-1111-4a2b-9c3d-5e6f7a8b9c0d';
export const ADMIN_KEY = 'subscriptions-admin-key';
export const MINUTE = 60_000;

/** The Store methods the subscription manager uses, in memory. */
export class MemorySettingsStore implements Pick<Store, 'getSetting' | 'putSetting' | 'listLinks'> {
  readonly settings = new Map<string, string>();
  links: Link[] = [];

  getSetting(key: string): Promise<string | null> {
    return Promise.resolve(this.settings.get(key) ?? null);
  }

  putSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
    return Promise.resolve();
  }

  listLinks(): Promise<Link[]> {
    return Promise.resolve([...this.links]);
  }

  link(...userIds: string[]): void {
    for (const id of userIds) {
      this.links.push({
        agentId: agentId(`A-${id}`),
        teamsUserId: teamsUserId(id),
        createdAt: new Date().toISOString(),
      });
    }
  }
}

export interface Harness {
  readonly clock: FakeClock;
  readonly emulator: GraphEmulator;
  readonly store: MemorySettingsStore;
  readonly http: HttpServer;
  readonly url: string;
  readonly dataDir: string;
  readonly setup: SubscriptionsSetup;
  /** Every batch the sink was given. */
  readonly received: PresenceChange[][];
  sinkFails: boolean;
  /** Builds another manager on the same store, key and server (a restart), without routes. */
  restartedSetup(): SubscriptionsSetup;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly cert?: { readonly certFile: string; readonly keyFile: string };
  readonly store?: MemorySettingsStore;
  readonly tuning?: SubscriptionsSetupOptions['tuning'];
  readonly logger?: Logger;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const clock = new FakeClock();
  const emulator = await startGraphEmulator({ clock });
  const http = createHttpServer();
  const url = await http.listen(0, '127.0.0.1');
  http.markReady();
  const store = options.store ?? new MemorySettingsStore();
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-subs-'));
  const setupOptions: SubscriptionsSetupOptions = {
    store,
    clock,
    logger: options.logger ?? silentLogger,
    graphBaseUrl: emulator.url,
    authorityHost: emulator.origin,
    tenantId: EMULATOR_TENANT_ID,
    clientId: CLIENT_ID,
    notificationBaseUrl: url,
    tokenKey: null,
    dataDir,
    certFile: options.cert?.certFile ?? null,
    keyFile: options.cert?.keyFile ?? null,
    ...(options.tuning ? { tuning: options.tuning } : {}),
  };
  const setup = setUpSubscriptions(setupOptions);
  const harness: Harness = {
    clock,
    emulator,
    store,
    http,
    url,
    dataDir,
    setup,
    received: [],
    sinkFails: false,
    restartedSetup: () => setUpSubscriptions(setupOptions),
    async close() {
      await setup.manager.stop();
      await http.close();
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  setup.mountRoutes(http.server, {
    adminApiKey: ADMIN_KEY,
    sink: (changes) => {
      if (harness.sinkFails) return Promise.reject(new Error('store down'));
      harness.received.push([...changes]);
      return Promise.resolve();
    },
  });
  return harness;
}

export const newUserId = (): string => randomUUID();

/** Polls until check() holds (notifications travel over HTTP in the background). */
export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The emulator's log of one kind of Graph call. */
export function graphCalls(emulator: GraphEmulator, method: string, pathPattern: RegExp) {
  return emulator.requests().filter((r) => r.method === method && pathPattern.test(r.path));
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers };
}
