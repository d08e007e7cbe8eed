// The composition root: builds the store, Graph, the sync engine and the HTTP edges from a Config.
import './quiet-deprecations';
import { fileURLToPath } from 'node:url';
import { EMULATOR_TENANT_ID, type GraphEmulator } from '../src/adapters/graph-emulator';
import { PromMetrics } from '../src/adapters/metrics';
import type { Config } from '../src/config';
import { systemClock, type Clock } from '../src/ports/clock.port';
import type { ChatTransport } from '../src/ports/chat-transport.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import { ActiveProfile } from '../src/sync/active-profile';
import { BudgetedPresenceGateway } from '../src/sync/budgeted-presence-gateway';
import { instrumentedStore } from '../src/sync/instrumented-store';
import { PresenceBudget } from '../src/sync/presence-budget';
import { PendingSweep } from '../src/sync/pending-sweep';
import { Pruner } from '../src/sync/pruner';
import type { SyncDeps } from '../src/sync/sync-deps';
import { SyncEngine } from '../src/sync/sync-engine';
import { setUpChat, type ChatRelay } from './chat-setup';
import { setUpDirectoryPresence, type DirectoryPresence } from './directory-presence-setup';
import { setUpDirectory, type DirectoryService } from './directory-setup';
import { setUpGraph } from './graph-setup';
import { mountIdentityRoutes, quotaUse, setUpIdentity } from './identity-setup';
import { adminSurfaces } from './http/admin-surfaces';
import { linkState } from '../src/identity/self-service';
import { mountAdmin } from './http/admin-routes';
import { mountBot } from './http/bot-route';
import { mountTab } from './http/tab-routes';
import { localTabConfig, mountTabConfig } from './http/tab-config-route';
import { mountCcEvents } from './http/cc-events-route';
import { gaugeSampler, mountMetrics } from './http/metrics-route';
import { countRejections, useRequestIds } from './http/request-hooks';
import { createHttpServer, type HttpServer } from './http/server';
import { mountRoot } from './http/root-route';
import type { DataDirLock } from './data-dir-lock';
import { localWebhookSecret } from './local-secret';
import { removeRuntimeFile, writeRuntimeFile } from './runtime-file';
import { listenOrExplain, openStorage, type Bound, type OpenedStore } from './startup-steps';
import { createLogger } from './logger';
import { loadActiveProfile, saveMapping } from './profile-loader';
import { botSettings } from './teams/bot-setup';
import { chatTransportFor } from './teams/chat-transport-setup';
import { createSwitchboardBot } from './teams/switchboard-bot';
import { setUpTeamsWatch } from './teams-watch';
import { leaderRoles, leadershipFor, type Roles } from './roles';
import { setUpShards } from './shards-setup';
import type { ShardOwnership } from '../src/ports/shard-ownership.port';
import { subscriptionsFor } from './subscriptions-wiring';

export interface SwitchboardOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly host?: string;
  /** Where agents' chat messages go; without one the chat relay is not built (chat.* events fail as unavailable). */
  readonly chatTransport?: ChatTransport;
}

export interface RunningSwitchboard {
  readonly url: string;
  /** The address the HTTP server bound, e.g. 0.0.0.0:3978. */
  readonly address: string;
  readonly config: Config;
  readonly ccWebhookSecret: string;
  readonly emulator: GraphEmulator | null;
  readonly graphBaseUrl: string;
  readonly store: Store;
  readonly engine: SyncEngine;
  readonly chat: ChatRelay | null;
  /** The contacts directory: its refresh of Teams users (runOnce to refresh now). */
  readonly directory: DirectoryService;
  /** Live presence of directory people: user.presence in, directory.presence out. */
  readonly livePresence: DirectoryPresence;
  /** The once-per-tenant roles this instance runs now (it leads them). */
  readonly roles: Pick<Roles, 'active'>;
  /** The shards of agents this instance runs now, and the live instances it counts. */
  readonly shards: Pick<ShardOwnership, 'status'>;
  /** Stops accepting, finishes or leaves durably pending the work in flight, closes the store. */
  close(): Promise<void>;
}

// Within main.ts's 10 s before a forced exit: 3 s to drain HTTP, then 2.5 s each for the watch and the engine.
const SHUTDOWN_BUDGET_MS = 8000;
const HTTP_DRAIN_MS = 3000;

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
  // Everything that can fail on a setting happens before the port is bound (issue 7 item 5).
  const { store: opened, lock } = await openStorage(config);
  const store = instrumentedStore(opened, metrics, clock, logger);
  const undo: Array<() => unknown> = [() => store.close(), () => lock?.release()];
  try {
    const ccWebhookSecret = config.ccWebhookSecret ?? localWebhookSecret(config.dataDir).secret;
    const http = createHttpServer();
    useRequestIds(http.server);
    countRejections(http.server, metrics);
    const bound = await listenOrExplain(http, config.port, options.host ?? config.host);
    http.markAlive();
    undo.unshift(() => http.close(0));
    lock?.setUrl(bound.url);
    const chatTransport = options.chatTransport;
    const parts = { config, logger, clock, store, opened, metrics, lock, http, bound, ccWebhookSecret, undo };
    return await wire({ ...parts, chatTransport });
  } catch (error) {
    for (const step of undo) await Promise.resolve(step()).catch(() => undefined);
    throw error;
  }
}

interface Parts {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  /** The store as the service uses it (counted in metrics) and as opened (for housekeeping and gauges). */
  readonly store: Store;
  readonly opened: OpenedStore;
  readonly metrics: PromMetrics;
  readonly lock: DataDirLock | null;
  readonly http: HttpServer;
  readonly bound: Bound;
  readonly ccWebhookSecret: string;
  readonly chatTransport: ChatTransport | undefined;
  /** Steps that undo what is started so far, newest first, run if a later step fails. */
  readonly undo: Array<() => unknown>;
}

async function wire(parts: Parts): Promise<RunningSwitchboard> {
  const { config, logger, clock, store, opened, metrics, lock, http, ccWebhookSecret } = parts;
  const url = parts.bound.url;
  const graph = await setUpGraph(config, logger, metrics);
  parts.undo.unshift(() => graph.emulator?.close());
  const budget = new PresenceBudget(clock, { quota: config.graphPresenceQuota });
  const profile = new ActiveProfile(await loadActiveProfile(store, config.presenceProfile));
  const gateway = new BudgetedPresenceGateway(graph.gateway, budget, clock);
  const sync: SyncDeps = {
    store,
    gateway,
    refreshGateway: gateway.forRefresh(),
    ...(graph.rich && { richGateway: gateway.rich(graph.rich) }),
    changeGateway: (ticket) => gateway.forChange(ticket),
    clock,
    logger,
    profile: () => profile.get(),
    sessionMinutes: config.presenceSessionMinutes,
  };
  const shards = setUpShards(config, store, logger, (agentId) => engine.kick(agentId), budget);
  const engine = new SyncEngine(sync, { concurrency: config.syncConcurrency, gate: shards.gate });
  const watch = setUpTeamsWatch(config, sync, engine, config.ccOutboundSecret ?? ccWebhookSecret);
  const bot = botSettings(config, graph.emulator, logger);
  const chatStore = opened.chat();
  const chat = setUpChat({
    store,
    chat: chatStore,
    clock,
    logger,
    engine,
    transport: parts.chatTransport ?? chatTransportFor(config, bot, graph.emulator, clock) ?? undefined,
    firstContactAgent: null,
    outboundQueued: () => watch.outboundQueued(),
    resolveUpn: async (upn) => (await graph.users.getUser(upn))?.id ?? null,
  });
  const directoryStore = opened.directory();
  const subs = subscriptionsFor(config, {
    ...{ store, clock, logger, metrics, graph, url },
    directory: directoryStore,
  });
  subs?.mountRoutes(http.server, { sink: watch.accept, adminApiKey: config.adminApiKey });
  mountCcEvents(http.server, {
    store,
    logger,
    secret: ccWebhookSecret,
    now: () => clock.now(),
    knownStates: () => profile.states(),
    accepted: (agents) => agents.forEach((a) => engine.kick(a)),
  });
  const sso = {
    authorityHost: graph.emulator?.origin ?? config.azureAuthorityHost,
    clientId: config.presenceSessionId,
    tenantId: graph.emulator ? EMULATOR_TENANT_ID : config.azure?.tenantId || null,
  };
  const identity = setUpIdentity(sync, engine, {
    identity: opened.identity(),
    users: graph.users,
    sso,
    linksChanged: () => void subs?.manager.reconcile(),
    outboundQueued: () => watch.dispatcher?.kick(),
  });
  const surfaces = adminSurfaces({ ...config, verify: identity.verify });
  const tabEvents = mountIdentityRoutes(
    http.server,
    identity,
    surfaces,
    {
      store,
      clock,
      covered: () => subs?.manager.coveredUsers() ?? new Set(),
      quota: () => quotaUse(budget),
      backlog: () => opened.outboxBacklog(),
    },
    { sync, ticketSecret: ccWebhookSecret },
  );
  mountMetrics(http.server, {
    metrics,
    adminApiKey: config.adminApiKey,
    logger,
    sample: gaugeSampler(metrics, budget, opened, clock),
  });
  const newPruner = () =>
    new Pruner(opened, clock, logger, { retentionMs: config.eventRetentionHours * 3_600_000 });
  mountAdmin(
    http.server,
    {
      sync,
      engine,
      profile,
      adminApiKey: config.adminApiKey,
      saveMapping: (document) => saveMapping(store, config.presenceProfile, document),
      linksChanged: () => void subs?.manager.reconcile(),
    },
    surfaces,
  );
  const relay = chat ? (inbound: Parameters<ChatRelay['relayTeams']>[0]) => chat.relayTeams(inbound) : null;
  mountBot(http.server, createSwitchboardBot({ sync, chat: chatStore, relay, clock, logger }), {
    settings: bot,
    logger,
  });
  const directory = setUpDirectory(http.server, {
    ...{ config, store, clock, logger, engine, sso, users: graph.users },
    directory: directoryStore,
  });
  directory.refresh.onChange(() => void subs?.manager.reconcile());
  const livePresence = setUpDirectoryPresence({
    ...{ config, sync, engine, watch, budget, users: graph.users },
    directory: directoryStore,
  });
  const local =
    graph.emulator && localTabConfig(graph.emulator, store, config.presenceSessionId, graph.users);
  mountTabConfig(http.server, local);
  mountTab(http.server, {
    sync,
    sso,
    distDir: fileURLToPath(new URL('../dist/tab', import.meta.url)),
    linkState: (user) => linkState(identity.deps, user),
  });
  mountRoot(http.server);
  chat?.start();
  parts.undo.unshift(() => chat?.stop(0));
  await engine.start({ keeper: false });
  parts.undo.unshift(() => engine.stop(0));
  shards.ownership.start(shards.gate);
  parts.undo.unshift(() => shards.ownership.close());
  await directory.start();
  parts.undo.unshift(() => directory.stop());
  const roles = leaderRoles(leadershipFor(config, logger), logger, {
    engine,
    watch,
    subscriptions: subs?.manager ?? null,
    newPruner,
    newSweep: () => new PendingSweep(store, (agentId) => engine.kick(agentId), clock, logger),
    directoryPoller: (covered) => livePresence.startPoller(covered),
  });
  parts.undo.unshift(() => roles.stop());
  http.markReady();
  leaveRuntimeFile(config, logger, { url, emulatorUrl: graph.emulator?.origin ?? null });
  return {
    url,
    address: parts.bound.address,
    config,
    ccWebhookSecret,
    emulator: graph.emulator,
    graphBaseUrl: graph.baseUrl,
    store,
    engine,
    chat,
    directory,
    livePresence,
    roles,
    shards: shards.ownership,
    async close() {
      tabEvents.closeAll(); // streams never finish by themselves, so the drain would wait them out
      await http.close(HTTP_DRAIN_MS);
      removeRuntimeFile(config.dataDir);
      await roles.stop();
      const workBudget = (SHUTDOWN_BUDGET_MS - HTTP_DRAIN_MS) / 2;
      await Promise.all([engine.stop(workBudget), chat?.stop(workBudget)]);
      await shards.ownership.close();
      await directory.stop();
      await store.close();
      await graph.emulator?.close();
      lock?.release();
    },
  };
}
