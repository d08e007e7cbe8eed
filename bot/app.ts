// The composition root: builds the store, Graph, the sync engine and the HTTP edges from a Config.
import { openPostgresStore } from '../src/adapters/postgres';
import { openSqliteStore } from '../src/adapters/sqlite';
import { fileURLToPath } from 'node:url';
import { EMULATOR_TENANT_ID, type GraphEmulator } from '../src/adapters/graph-emulator';
import type { Config } from '../src/config';
import { systemClock, type Clock } from '../src/ports/clock.port';
import type { ChatTransport } from '../src/ports/chat-transport.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import { ActiveProfile } from '../src/sync/active-profile';
import type { SyncDeps } from '../src/sync/sync-deps';
import { SyncEngine } from '../src/sync/sync-engine';
import { setUpChat, type ChatRelay } from './chat-setup';
import { setUpGraph } from './graph-setup';
import { mountAdmin } from './http/admin-routes';
import { mountBot } from './http/bot-route';
import { mountTab } from './http/tab-routes';
import { mountCcEvents } from './http/cc-events-route';
import { createHttpServer } from './http/server';
import { localWebhookSecret } from './local-secret';
import { createLogger } from './logger';
import { loadActiveProfile, saveMapping } from './profile-loader';
import { StatusBot } from './teams/status-bot';
import { budgetedGateway, setUpTeamsWatch } from './teams-watch';
import { subscriptionsFor } from './subscriptions-wiring';

export interface SwitchboardOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly host?: string;
  /** Where agents' chat messages go; without one the chat relay is not built (chat.* events stay pending). */
  readonly chatTransport?: ChatTransport;
}

export interface RunningSwitchboard {
  readonly url: string;
  readonly config: Config;
  readonly ccWebhookSecret: string;
  readonly emulator: GraphEmulator | null;
  readonly graphBaseUrl: string;
  readonly store: Store;
  readonly engine: SyncEngine;
  readonly chat: ChatRelay | null;
  /** Stops accepting, finishes or leaves durably pending the work in flight, closes the store. */
  close(): Promise<void>;
}

const SHUTDOWN_BUDGET_MS = 8000;

export async function startSwitchboard(
  config: Config,
  options: SwitchboardOptions = {},
): Promise<RunningSwitchboard> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const http = createHttpServer();
  const url = await http.listen(config.port, options.host);
  const opened = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl)
    : openSqliteStore(config.dataDir);
  const store: Store = opened;
  const ccWebhookSecret = config.ccWebhookSecret ?? localWebhookSecret(config.dataDir).secret;
  const graph = await setUpGraph(config, logger);
  const profile = new ActiveProfile(await loadActiveProfile(store, config.presenceProfile));
  const sync: SyncDeps = {
    store,
    gateway: budgetedGateway(config, graph.gateway, clock),
    clock,
    logger,
    profile: () => profile.get(),
    sessionMinutes: config.presenceSessionMinutes,
  };
  const engine = new SyncEngine(sync);
  const watch = setUpTeamsWatch(config, sync, engine, config.ccOutboundSecret ?? ccWebhookSecret);
  const chat = setUpChat({
    store,
    chat: opened.chat(),
    clock,
    logger,
    engine,
    transport: options.chatTransport,
    firstContactAgent: null,
    outboundQueued: () => watch.dispatcher?.kick(),
  });
  const subs = subscriptionsFor(config, { store, clock, logger, graph, url });
  subs?.mountRoutes(http.server, { sink: watch.accept, adminApiKey: config.adminApiKey });
  mountCcEvents(http.server, {
    store,
    logger,
    secret: ccWebhookSecret,
    now: () => clock.now(),
    knownStates: () => profile.states(),
    accepted: (agents) => agents.forEach((a) => engine.kick(a)),
  });
  mountAdmin(http.server, {
    sync,
    engine,
    profile,
    adminApiKey: config.adminApiKey,
    saveMapping: (document) => saveMapping(store, config.presenceProfile, document),
    linksChanged: () => void subs?.manager.reconcile(),
  });
  mountBot(http.server, new StatusBot(sync), {
    botId: config.botId,
    botPassword: config.botPassword,
    tenantId: config.azure?.tenantId || null,
    logger,
  });
  mountTab(http.server, {
    sync,
    sso: {
      authorityHost: graph.emulator?.origin ?? config.azureAuthorityHost,
      clientId: config.presenceSessionId,
      tenantId: graph.emulator ? EMULATOR_TENANT_ID : config.azure?.tenantId || null,
    },
    distDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
  });
  chat?.start();
  await engine.start();
  await subs?.manager.start();
  watch.start(() => subs?.manager.coveredUsers() ?? new Set());
  http.markReady();
  return {
    url,
    config,
    ccWebhookSecret,
    emulator: graph.emulator,
    graphBaseUrl: graph.baseUrl,
    store,
    engine,
    chat,
    async close() {
      await http.close();
      await subs?.manager.stop();
      await watch.stop(SHUTDOWN_BUDGET_MS / 2);
      await Promise.all([engine.stop(SHUTDOWN_BUDGET_MS / 2), chat?.stop(SHUTDOWN_BUDGET_MS / 2)]);
      await store.close();
      await graph.emulator?.close();
    },
  };
}
