// Standalone Graph emulator: `npm run emulator`. Env: EMULATOR_PORT (4000), EMULATOR_HOST (127.0.0.1),
// GRAPH_PRESENCE_QUOTA (1500 presence requests per 30 s), EMULATOR_TOKEN (optional bearer token to require),
// EMULATOR_DATA_DIR (optional: keep state in <dir>/emulator.json across restarts; default memory only).
import { randomBytes } from 'node:crypto';
import type { Logger } from '../../ports/logger.port';
import { usage } from './control-routes';
import { EMULATOR_TENANT_ID, startGraphEmulator } from './index';

function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`${name} must be an integer from ${min} to ${max}, got '${raw}'`);
    process.exit(1);
  }
  return value;
}

const consoleLogger: Logger = {
  debug: () => {},
  info: (fields, msg) => console.log(msg, JSON.stringify(fields)),
  warn: (fields, msg) => console.warn(msg, JSON.stringify(fields)),
  error: (fields, msg) => console.error(msg, JSON.stringify(fields)),
};

async function main(): Promise<void> {
  const port = intFromEnv('EMULATOR_PORT', 4000, 0, 65535);
  const requests = intFromEnv('GRAPH_PRESENCE_QUOTA', 1500, 1, 1_000_000);
  const token = process.env.EMULATOR_TOKEN || undefined;
  const dataDir = process.env.EMULATOR_DATA_DIR || undefined;
  const emulator = await startGraphEmulator({
    ...(dataDir ? { dataDir } : {}),
    port,
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    quota: { requests, windowSeconds: 30 },
    logger: consoleLogger,
    ...(token ? { token } : {}),
  });
  const lines = [
    `Microsoft Graph presence emulator listening on ${emulator.origin}`,
    '',
    // Graph settings switch local mode off, so Switchboard then needs every setting local mode supplies.
    'Point Switchboard at it (in another terminal; the contact center signs with this CC_WEBHOOK_SECRET):',
    `  GRAPH_BASE_URL=${emulator.url} GRAPH_TOKEN=${token ?? 'emulator'} \\`,
    `  AZURE_AUTHORITY_HOST=${emulator.origin} CC_WEBHOOK_SECRET=${randomBytes(24).toString('hex')} npm start`,
    '',
    dataDir ? `State kept in ${dataDir}` : 'State kept in memory (set EMULATOR_DATA_DIR to keep it)',
    `Presence quota: ${requests} requests per 30 s. Delegated tokens (sync accounts):`,
    `  POST ${emulator.origin}/_emulator/refresh-tokens {"userPrincipalName":"agent@contoso.com"}`,
    `  POST ${emulator.origin}/${EMULATOR_TENANT_ID}/oauth2/v2.0/token (grant_type=refresh_token)`,
    '',
    'Control routes:',
    ...usage(emulator.url).routes.map((r) => `  ${r}`),
  ];
  console.log(lines.join('\n'));
  const stop = (): void => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Graph emulator failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
