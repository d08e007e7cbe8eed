// A loopback Microsoft Graph for presence: the project's real Graph code runs against it in tests and in
// local mode. See emulator-server.ts for the request pipeline and the *-routes.ts files for behaviour.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../../ports/clock.port';
import { silentLogger, type Logger } from '../../ports/logger.port';
import type { TeamsPresence } from '../../domain/presence';
import { createBotSide, type BotFrameworkEmulator } from './bot-emulator';
import { withBotRoutes } from './bot-routes';
import { handleControl, type ControlApi } from './control-routes';
import { requestListener } from './emulator-server';
import {
  EMULATOR_TENANT_ID,
  createState,
  resetState,
  userDetails,
  type EmulatorState,
} from './emulator-state';
import type { LifecycleEvent } from './notifications';
import { presenceRoutes } from './presence-routes';
import type { SsoTokenRequest } from './sso-issuer';
import { withSsoRoutes } from './sso-routes';
import { subscriptionRoutes } from './subscription-routes';
import { removeUser, seedDefaultUsers, seedUsers, type SeedUser } from './users-control';
import { usersRoutes } from './users-routes';
import type { EmulatedUser } from './users-store';
import { validateEndpoint } from './validation-handshake';
import { validationTokenClaims, type ValidationTokenRequest } from './validation-tokens';

export type { LifecycleEvent } from './notifications';
export type { SeedUser } from './users-control';
export type { EmulatedUser } from './users-store';
export type { SsoTokenRequest } from './sso-issuer';
export type { BotFrameworkEmulator, ChannelTokenRequest, RecordedBotCall } from './bot-emulator';
export { EMULATOR_TENANT_ID } from './tenant';

export interface GraphEmulatorOptions {
  port?: number; // 0 = random free port (default 0); main.ts uses EMULATOR_PORT or 4000
  host?: string; // default 127.0.0.1
  quota?: { requests: number; windowSeconds: number }; // default 1500 per 30 s, every presence request of the tenant
  clock?: Clock; // default systemClock; expiry of sessions/subscriptions uses it
  token?: string; // when set, Graph routes require `Authorization: Bearer <token>` (or an issued delegated token) else 401
  logger?: Logger; // where failed notification deliveries are reported; default silent
  dataDir?: string; // keep presence, subscriptions, users, issued tokens and keys in <dataDir>/emulator.json; default memory only
  defaultUsers?: boolean; // start an empty tenant with a handful of users (local mode); default false
}

export interface GraphEmulator {
  readonly url: string; // Graph root with version, e.g. http://127.0.0.1:41234/v1.0 (use as GRAPH_BASE_URL)
  readonly origin: string; // http://127.0.0.1:41234
  presenceOf(userId: string): { availability: string; activity: string; sequenceNumber: string };
  /** The user's live status message (setStatusMessage) and when it expires (epoch ms); null: none. */
  statusMessageOf(userId: string): { content: string; expiresAt?: number } | null;
  sessionsOf(
    userId: string,
  ): readonly { sessionId: string; availability: string; activity: string; expiresAt: number }[];
  setClientPresence(userId: string, presence: TeamsPresence | null): void; // the user's own Teams client session; null = signed out
  injectFaults(fault: { status: number; count: number; retryAfterSeconds?: number }): void; // next `count` Graph requests answer `status`
  clearFaults(): void; // ends an injected outage now: faults not yet taken are dropped
  requests(): readonly { method: string; path: string; status: number; body: unknown; at: number }[];
  issueDelegatedRefreshToken(userPrincipalName: string): string; // for sync accounts (see token endpoint)
  /** A Teams tab SSO token (RS256, issuer `<origin>/<tid>/v2.0`, keys at /common/discovery/v2.0/keys). */
  issueSsoToken(request: SsoTokenRequest): string;
  /** A rich notification's validation token as the emulator sends it (override claims to forge one). */
  issueValidationToken(request: Omit<ValidationTokenRequest, 'tid'> & { tid?: string }): string;
  /** Posts a lifecycle notification to the subscription's lifecycleNotificationUrl; false if there is none. */
  triggerLifecycle(subscriptionId: string, event: LifecycleEvent): boolean;
  /** Adds or replaces directory users (GET /users); throws on invalid input. Same as POST /_emulator/users. */
  seedUsers(users: readonly SeedUser[]): EmulatedUser[];
  /** Removes a directory user (reported by /users/delta); false when there is none. */
  removeUser(id: string): boolean;
  /** The Bot Framework: channel tokens, the bot token endpoint and a Bot Connector (bot-routes.ts). */
  readonly bot: BotFrameworkEmulator;
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

function emulatorApi(
  state: EmulatorState,
  origin: () => string,
  close: () => Promise<void>,
  bot: BotFrameworkEmulator,
): GraphEmulator & ControlApi {
  const { store, subs, notifier, sso, persist } = state;
  const saving =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      const result = fn(...args);
      persist();
      return result;
    };
  return {
    get url() {
      return `${origin()}/v1.0`;
    },
    get origin() {
      return origin();
    },
    presenceOf: (userId) => {
      const { availability, activity, sequenceNumber } = store.presenceOf(userId);
      return { availability, activity, sequenceNumber };
    },
    statusMessageOf: (userId) => {
      const message = store.presenceOf(userId).statusMessage;
      if (!message) return null;
      return message.expiresAt === undefined
        ? { content: message.content }
        : { content: message.content, expiresAt: message.expiresAt };
    },
    sessionsOf: (userId) =>
      store.sessionsOf(userId).map(({ sessionId, availability, activity, expiresAt }) => ({
        sessionId,
        availability,
        activity,
        expiresAt,
      })),
    setClientPresence: saving((userId: string, presence: TeamsPresence | null) =>
      store.setClient(userId, presence),
    ),
    injectFaults: (fault) => state.faults.inject(fault),
    clearFaults: () => state.faults.reset(),
    requests: () => state.log.list(),
    issueDelegatedRefreshToken: saving((upn: string) => state.tokens.issueRefreshToken(upn)),
    issueSsoToken: (request) => sso.issue(origin(), request),
    issueValidationToken: (request) =>
      sso.sign(validationTokenClaims({ tid: EMULATOR_TENANT_ID, ...request }, state.clock.now())),
    triggerLifecycle: (subscriptionId, event) => {
      const sub = subs.get(subscriptionId);
      return sub ? notifier.lifecycle(sub, event) : false;
    },
    seedUsersRequest: saving((body: unknown) => seedUsers(state.users, body)),
    removeUserRequest: saving((id: string) => removeUser(state.users, id)),
    seedUsers: saving((users: readonly SeedUser[]) => {
      const reply = seedUsers(state.users, { users });
      if (reply.error) throw new Error(`seedUsers: ${reply.error.message}`);
      return (reply.json as { value: EmulatedUser[] }).value;
    }),
    removeUser: saving((id: string) => state.users.remove(id)),
    bot,
    reset: () => (resetState(state), bot.reset()),
    userDetails: (userId) => userDetails(store, userId),
    close,
  };
}

export async function startGraphEmulator(options: GraphEmulatorOptions = {}): Promise<GraphEmulator> {
  const clock = options.clock ?? systemClock;
  const state = createState(clock, options.logger ?? silentLogger, options.quota, options.dataDir);
  let origin = '';
  const graphUrl = (): string => `${origin}/v1.0`;
  if (options.defaultUsers) seedDefaultUsers(state.users);
  const graphRoutes = [
    ...usersRoutes(state.users, graphUrl),
    ...presenceRoutes(state.store),
    ...subscriptionRoutes({
      subs: state.subs,
      clock: state.clock,
      graphUrl,
      validate: (url) => validateEndpoint(url),
    }),
  ];
  const close = (): Promise<void> => {
    state.notifier.close();
    state.persist();
    state.store.reset();
    state.subs.reset();
    return new Promise((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      server.closeAllConnections();
    });
  };
  const bot = createBotSide(state.clock, () => origin);
  const api = emulatorApi(state, () => origin, close, bot.api);
  const control = (method: string, path: string, body: unknown) => handleControl(api, method, path, body);
  const graphListener = requestListener({
    ...state,
    staticToken: options.token,
    graphRoutes,
    control,
    origin: () => origin,
  });
  const server = createServer(
    withBotRoutes(
      bot.side,
      withSsoRoutes(state.sso, () => origin, graphListener),
    ),
  );
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return api;
}
