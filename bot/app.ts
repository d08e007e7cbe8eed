// The composition root: builds the store, Graph, the sync engine and the HTTP edges from a Config.
import { openPostgresStore } from '../src/adapters/postgres';
import { openSqliteStore } from '../src/adapters/sqlite';
import { fileURLToPath } from 'node:url';
import { EMULATOR_TENANT_ID, type GraphEmulator } from '../src/adapters/graph-emulator';
import { PromMetrics } from '../src/adapters/metrics';
import type { Config } from '../src/config';
import { systemClock, type Clock } from '../src/ports/clock.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import { ActiveProfile } from '../src/sync/active-profile';
import { BudgetedPresenceGateway } from '../src/sync/budgeted-presence-gateway';
import { instrumentedStore } from '../src/sync/instrumented-store';
import { PresenceBudget } from '../src/sync/presence-budget';
import { Pruner } from '../src/sync/pruner';
import type { SyncDeps } from '../src/sync/sync-deps';
import { SyncEngine } from '../src/sync/sync-engine';
import { setUpGraph } from './graph-setup';
import { mountAdmin } from './http/admin-routes';
import { mountBot } from './http/bot-route';
import { mountTab } from './http/tab-routes';
import { mountCcEvents } from './http/cc-events-route';
import { gaugeSampler, mountMetrics } from './http/metrics-route';
import { countRejections, useRequestIds } from './http/request-hooks';
import { createHttpServer } from './http/server';
import { localWebhookSecret } from './local-secret';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { createLogger } from './logger';
import { loadActiveProfile, saveMapping } from './profile-loader';
import { botSettings } from './teams/bot-setup';
import { StatusBot } from './teams/status-bot';
import { setUpTeamsWatch } from './teams-watch';
import { subscriptionsFor } from './subscriptions-wiring';

export interface SwitchboardOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly host?: string;
}

export interface RunningSwitchboard {
  readonly url: string;
  readonly config: Config;
  readonly ccWebhookSecret: string;
  readonly emulator: GraphEmulator | null;
  readonly graphBaseUrl: string;
  readonly store: Store;
  readonly engine: SyncEngine;
  /** Stops accepting, finishes or leaves durably pending the work in flight, closes the store. */
  close(): Promise<void>;
}

const SHUTDOWN_BUDGET_MS = 8000;

/** For the CLI (bot/runtime-file.ts); a convenience, so a failure to write it is logged, not fatal. */
function leaveRuntimeFile(
  config: Config,
  logger: Logger,
  where: { url: string; emulatorUrl: string | null },
): void {
  const info = { ...where, presenceSessionId: config.presenceSessionId, pid: process.pid };
  try {
    writeRuntimeFile(config.dataDir, { ...info, startedAt: new Date().toISOString() });
  } catch (error) {
    logger.warn({ err: String(error), dataDir: config.dataDir }, 'could not write the runtime file');
  }
}

export async function startSwitchboard(
  config: Config,
  options: SwitchboardOptions = {},
): Promise<RunningSwitchboard> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;
  const metrics = new PromMetrics();
  const http = createHttpServer();
  useRequestIds(http.server);
  countRejections(http.server, metrics);
  const url = await http.listen(config.port, options.host);
  const opened = config.databaseUrl
    ? await openPostgresStore(config.databaseUrl)
    : openSqliteStore(config.dataDir);
  const store = instrumentedStore(opened, metrics, clock, logger);
  http.markAlive();
  const ccWebhookSecret = config.ccWebhookSecret ?? localWebhookSecret(config.dataDir).secret;
  const graph = await setUpGraph(config, logger, metrics);
  const budget = new PresenceBudget(clock, { quota: config.graphPresenceQuota });
  const profile = new ActiveProfile(await loadActiveProfile(store, config.presenceProfile));
  const sync: SyncDeps = {
    store,
    gateway: new BudgetedPresenceGateway(graph.gateway, budget, clock),
    clock,
    logger,
    profile: () => profile.get(),
    sessionMinutes: config.presenceSessionMinutes,
  };
  const engine = new SyncEngine(sync);
  const watch = setUpTeamsWatch(config, sync, engine, config.ccOutboundSecret ?? ccWebhookSecret);
  const subs = subscriptionsFor(config, { store, clock, logger, metrics, graph, url });
  subs?.mountRoutes(http.server, { sink: watch.accept, adminApiKey: config.adminApiKey });
  mountCcEvents(http.server, {
    store,
    logger,
    secret: ccWebhookSecret,
    now: () => clock.now(),
    knownStates: () => profile.states(),
    accepted: (agents) => agents.forEach((a) => engine.kick(a)),
  });
  mountMetrics(http.server, {
    metrics,
    adminApiKey: config.adminApiKey,
    logger,
    sample: gaugeSampler(metrics, budget, opened, clock),
  });
  const pruner = new Pruner(opened, clock, logger, { retentionMs: config.eventRetentionHours * 3_600_000 });
  mountAdmin(http.server, {
    sync,
    engine,
    profile,
    adminApiKey: config.adminApiKey,
    saveMapping: (document) => saveMapping(store, config.presenceProfile, document),
    linksChanged: () => void subs?.manager.reconcile(),
  });
  mountBot(http.server, new StatusBot(sync), {
    settings: botSettings(config, graph.emulator, logger),
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
  await engine.start();
  pruner.start();
  await subs?.manager.start();
  watch.start(() => subs?.manager.coveredUsers() ?? new Set());
  http.markReady();
  leaveRuntimeFile(config, logger, { url, emulatorUrl: graph.emulator?.origin ?? null });
  return {
    url,
    config,
    ccWebhookSecret,
    emulator: graph.emulator,
    graphBaseUrl: graph.baseUrl,
    store,
    engine,
    async close() {
      await http.close();
      removeRuntimeFile(config.dataDir);
      await subs?.manager.stop();
      await watch.stop(SHUTDOWN_BUDGET_MS / 2);
      await engine.stop(SHUTDOWN_BUDGET_MS / 2);
      await pruner.stop();
      await store.close();
      await graph.emulator?.close();
    },
  };
}
