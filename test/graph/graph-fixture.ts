// Shared set-up for the Graph adapter suites: a real emulator over HTTP and a gateway pointed at it.
import {
  startGraphEmulator,
  type GraphEmulator,
  type GraphEmulatorOptions,
} from '../../src/adapters/graph-emulator/index';
import {
  createGraphClient,
  GraphPresenceGateway,
  staticToken,
  type TokenProvider,
} from '../../src/adapters/graph/index';
import { silentLogger, type Logger } from '../../src/ports/logger.port';

export const TOKEN = 'emulator-app-token';
export const SESSION_ID = '22222222-2222-2222-2222-222222222222';

export interface Setup {
  readonly emulator: GraphEmulator;
  readonly gateway: GraphPresenceGateway;
}

export async function startSetup(
  emulatorOptions: GraphEmulatorOptions = {},
  client: { tokenProvider?: TokenProvider; maxRetries?: number; logger?: Logger } = {},
): Promise<Setup> {
  const emulator = await startGraphEmulator({ token: TOKEN, ...emulatorOptions });
  const graph = createGraphClient({
    baseUrl: emulator.url,
    tokenProvider: client.tokenProvider ?? staticToken(TOKEN),
    maxRetries: client.maxRetries ?? 2,
    logger: client.logger ?? silentLogger,
  });
  return { emulator, gateway: new GraphPresenceGateway(graph, SESSION_ID, silentLogger) };
}

/** The emulator's log of Graph calls only (not its /_emulator control routes). */
export function graphCalls(emulator: GraphEmulator): ReturnType<GraphEmulator['requests']> {
  return emulator.requests().filter((r) => !r.path.startsWith('/_emulator'));
}

/** A Logger that keeps its warnings, to check what the adapter reported. */
export function recordingLogger(): Logger & {
  readonly warnings: { fields: Record<string, unknown>; msg: string }[];
} {
  const warnings: { fields: Record<string, unknown>; msg: string }[] = [];
  return { ...silentLogger, warn: (fields, msg) => warnings.push({ fields, msg }), warnings };
}
