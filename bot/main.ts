// `npm start`: reads the environment (and .env), starts Switchboard, stops cleanly on SIGTERM/SIGINT.
import 'dotenv/config';
import { CodedError } from '../src/domain/errors';
import { parseConfig, type Config } from '../src/config';
import { startSwitchboard } from './app';
import { createLogger } from './logger';
import { printLocalGuide } from './local-guide';

function configOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    console.error(`switchboard: ${error instanceof CodedError ? error.message : String(error)}`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection'));
  const app = await startSwitchboard(config, { logger }).catch((error: unknown) => {
    console.error(`switchboard: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
  logger.info(
    { url: app.url, graph: app.graphBaseUrl, profile: config.presenceProfile },
    'Switchboard is running',
  );
  if (app.emulator) printLocalGuide(app);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
