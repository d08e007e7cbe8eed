// Chooses Graph: the project's emulator on loopback in local mode, otherwise GRAPH_BASE_URL with GRAPH_TOKEN
// or MSAL client credentials. Either way the same Graph adapter makes the calls.
import { randomBytes } from 'node:crypto';
import {
  createGraphClient,
  GraphPresenceGateway,
  msalClientCredentials,
  staticToken,
} from '../src/adapters/graph';
import { startGraphEmulator, type GraphEmulator } from '../src/adapters/graph-emulator';
import { GraphUserDirectory } from '../src/adapters/graph/graph-users';
import type { Config } from '../src/config';
import type { Logger } from '../src/ports/logger.port';
import type { Metrics } from '../src/ports/metrics.port';
import type { PresenceGateway, RichPresenceGateway } from '../src/ports/presence-gateway.port';
import type { UserDirectory } from '../src/ports/user-directory.port';

export interface GraphSetup {
  readonly gateway: PresenceGateway;
  /** Status messages and preferred presence (the same Graph adapter); the caller budgets them too. */
  readonly rich?: RichPresenceGateway;
  /** The tenant's users (Graph /users): not presence calls, so the SDK retries them itself. */
  readonly users: UserDirectory;
  readonly emulator: GraphEmulator | null;
  readonly baseUrl: string;
}

async function startLocalEmulator(config: Config, token: string): Promise<GraphEmulator> {
  const options = {
    token,
    quota: { requests: config.graphPresenceQuota, windowSeconds: 30 },
    dataDir: config.dataDir, // its own file there, so local mode survives a restart
    defaultUsers: true, // a few people in the directory on a fresh machine
  };
  try {
    return await startGraphEmulator({ ...options, port: config.emulatorPort });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return startGraphEmulator({ ...options, port: 0 });
  }
}

export async function setUpGraph(config: Config, logger: Logger, metrics?: Metrics): Promise<GraphSetup> {
  let emulator: GraphEmulator | null = null;
  let baseUrl = config.graphBaseUrl;
  let tokenProvider: () => Promise<string>;
  if (config.localGraph) {
    const token = randomBytes(18).toString('base64url');
    emulator = await startLocalEmulator(config, token);
    baseUrl = emulator.url;
    tokenProvider = staticToken(token);
  } else if (config.graphToken) {
    tokenProvider = staticToken(config.graphToken);
  } else if (config.azure) {
    tokenProvider = msalClientCredentials(config.azure);
  } else {
    throw new Error('unreachable: parseConfig requires GRAPH_TOKEN or Azure settings');
  }
  // Presence calls are retried above the quota budget (BudgetedPresenceGateway), where every attempt is
  // counted and a 429 pauses the tenant's budget; retries inside the SDK would bypass both.
  const client = createGraphClient({ baseUrl, tokenProvider, logger, metrics, maxRetries: 0 });
  const usersClient = createGraphClient({ baseUrl, tokenProvider, logger, metrics });
  const presence = new GraphPresenceGateway(client, config.presenceSessionId, logger);
  return {
    gateway: presence,
    rich: presence,
    users: new GraphUserDirectory(usersClient, baseUrl),
    emulator,
    baseUrl,
  };
}
