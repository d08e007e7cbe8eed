// A loopback Microsoft Graph for presence: the project's real Graph code runs against it in tests and in
// local mode. See emulator-server.ts for the request pipeline and the *-routes.ts files for behaviour.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../ports/clock.port';
import { silentLogger, type Logger } from '../../ports/logger.port';
import type { TeamsPresence } from '../../domain/presence';
import { handleControl, type ControlApi } from './control-routes';
import { DelegatedTokens } from './delegated-tokens';
import { requestListener } from './emulator-server';
import { FaultQueue } from './faults';
import { graphDateTime } from './http-kit';
import { Notifier, type LifecycleEvent } from './notifications';
import { presenceRoutes } from './presence-routes';
import { PresenceStore } from './presence-store';
import { DEFAULT_QUOTA, PresenceQuota } from './quota';
import { RequestLog, type LoggedRequest } from './request-log';
import { subscriptionRoutes } from './subscription-routes';
import { SubscriptionStore } from './subscription-store';
import { validateEndpoint } from './validation-handshake';

export type { LifecycleEvent } from './notifications';

/** The emulated tenant: notifications carry it as tenantId, delegated tokens as tid. */
export const EMULATOR_TENANT_ID = '5f0e6a2b-0c1d-4e3f-9a8b-7c6d5e4f3a2b';

export interface GraphEmulatorOptions {
  port?: number; // 0 = random free port (default 0); main.ts uses EMULATOR_PORT or 4000
  host?: string; // default 127.0.0.1
  quota?: { requests: number; windowSeconds: number }; // default 1500 per 30 s, every presence request of the tenant
  clock?: Clock; // default systemClock; expiry of sessions/subscriptions uses it
  token?: string; // when set, Graph routes require `Authorization: Bearer <token>` (or an issued delegated token) else 401
  logger?: Logger; // where failed notification deliveries are reported; default silent
}

export interface GraphEmulator {
  readonly url: string; // Graph root with version, e.g. http://127.0.0.1:41234/v1.0 (use as GRAPH_BASE_URL)
  readonly origin: string; // http://127.0.0.1:41234
  presenceOf(userId: string): { availability: string; activity: string; sequenceNumber: string };
  sessionsOf(
    userId: string,
  ): readonly { sessionId: string; availability: string; activity: string; expiresAt: number }[];
  setClientPresence(userId: string, presence: TeamsPresence | null): void; // the user's own Teams client session; null = signed out
  injectFaults(fault: { status: number; count: number; retryAfterSeconds?: number }): void; // next `count` Graph requests answer `status`
  requests(): readonly { method: string; path: string; status: number; body: unknown; at: number }[];
  issueDelegatedRefreshToken(userPrincipalName: string): string; // for sync accounts (see token endpoint)
  /** Posts a lifecycle notification to the subscription's lifecycleNotificationUrl; false if there is none. */
  triggerLifecycle(subscriptionId: string, event: LifecycleEvent): boolean;
  /** Forgets presence, subscriptions, faults, quota usage and the request log (issued tokens stay valid). */
  reset(): void;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const tokens = new DelegatedTokens(clock, EMULATOR_TENANT_ID);
  const store = new PresenceStore(clock);
  const subs = new SubscriptionStore(clock);
  const notifier = new Notifier(subs, logger, EMULATOR_TENANT_ID);
  const quota = new PresenceQuota(clock, options.quota ?? DEFAULT_QUOTA);
  const faults = new FaultQueue();
  const log = new RequestLog();
  store.onChange((presence) => notifier.presenceChanged(presence));

  let origin = '';
  const graphUrl = (): string => `${origin}/v1.0`;
  const validate = (url: string): Promise<string | undefined> => validateEndpoint(url);
  const graphRoutes = [...presenceRoutes(store), ...subscriptionRoutes({ subs, clock, graphUrl, validate })];

  const emulator: GraphEmulator & ControlApi = {
    get url() {
      return graphUrl();
    },
    get origin() {
      return origin;
    },
    presenceOf: (userId) => {
      const { availability, activity, sequenceNumber } = store.presenceOf(userId);
      return { availability, activity, sequenceNumber };
    },
    sessionsOf: (userId) =>
      store
        .sessionsOf(userId)
        .map(({ sessionId, availability, activity, expiresAt }) => ({
          sessionId,
          availability,
          activity,
          expiresAt,
        })),
    setClientPresence: (userId, presence) => store.setClient(userId, presence),
    injectFaults: (fault) => faults.inject(fault),
    requests: (): readonly LoggedRequest[] => log.list(),
    issueDelegatedRefreshToken: (upn) => tokens.issueRefreshToken(upn),
    triggerLifecycle: (subscriptionId, event) => {
      const sub = subs.get(subscriptionId);
      return sub ? notifier.lifecycle(sub, event) : false;
    },
    reset: () => {
      store.reset();
      subs.reset();
      faults.reset();
      quota.reset();
      log.reset();
    },
    userDetails: (userId) => userDetails(store, userId),
    close: () => closeServer(),
  };

  const server = createServer(
    requestListener({
      clock,
      logger,
      staticToken: options.token,
      tokens,
      quota,
      faults,
      log,
      graphRoutes,
      control: (method, path, body) => handleControl(emulator, method, path, body),
      origin: () => origin,
    }),
  );
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;

  function closeServer(): Promise<void> {
    notifier.close();
    store.reset();
    subs.reset();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  }
  return emulator;
}

function userDetails(store: PresenceStore, userId: string): unknown {
  const { client, preferred } = store.details(userId);
  return {
    id: userId,
    presence: store.presenceOf(userId),
    sessions: store.sessionsOf(userId).map((s) => ({
      sessionId: s.sessionId,
      availability: s.availability,
      activity: s.activity,
      expirationDateTime: graphDateTime(s.expiresAt),
    })),
    clientPresence: client,
    preferredPresence: preferred
      ? {
          availability: preferred.availability,
          activity: preferred.activity,
          expirationDateTime: graphDateTime(preferred.expiresAt),
        }
      : null,
  };
}
