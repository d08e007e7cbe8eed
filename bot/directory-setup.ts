// The contacts directory's wiring: the DirectoryStore on the opened database, the agent mirror as an engine
// step, the scheduled refresh of Teams users from Graph, and the HTTP route.
import type { Server } from 'restify';
import type { Config } from '../src/config';
import { mirrorAllAgents, mirrorStep } from '../src/directory/agent-mirror';
import { UsersRefresh } from '../src/directory/users-refresh';
import type { Clock } from '../src/ports/clock.port';
import type { DirectoryStore } from '../src/ports/directory-store.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import type { UserDirectory } from '../src/ports/user-directory.port';
import type { SyncEngine } from '../src/sync/sync-engine';
import { mountDirectory } from './http/directory-route';
import { createSsoVerifier, type SsoSettings } from './http/sso-auth';

export interface DirectoryParts {
  readonly config: Config;
  readonly store: Store;
  readonly directory: DirectoryStore;
  readonly users: UserDirectory;
  readonly engine: SyncEngine;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly sso: SsoSettings;
}

export interface DirectoryService {
  readonly refresh: UsersRefresh;
  /** Mirrors every agent, then starts the scheduled refresh (its first round at once). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function setUpDirectory(server: Server, parts: DirectoryParts): DirectoryService {
  const { store, directory, clock, logger } = parts;
  parts.engine.addStep(mirrorStep(store, directory), []);
  const refresh = new UsersRefresh(
    parts.users,
    directory,
    clock,
    logger,
    parts.config.directoryRefreshSeconds * 1000,
  );
  mountDirectory(server, {
    directory,
    verifySso: createSsoVerifier(parts.sso, () => clock.now()),
    adminApiKey: parts.config.adminApiKey,
    logger,
  });
  return {
    refresh,
    async start() {
      await mirrorAllAgents(store, directory);
      refresh.start();
    },
    stop: () => refresh.stop(),
  };
}
