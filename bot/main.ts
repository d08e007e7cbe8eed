// `npm start`: reads the environment (and .env), starts Switchboard, stops cleanly on SIGTERM/SIGINT. A bad
// setting or an unusable DATA_DIR, database or port stops start-up with one line naming it, exit 1.
import 'dotenv/config';
import { parseConfig, type Config } from '../src/config';
import { startSwitchboard, type RunningSwitchboard } from './app';
import { createLogger } from './logger';
import { printLocalGuide } from './local-guide';
import type { Logger } from '../src/ports/logger.port';

const FORCE_EXIT_MS = 10_000;

function fail(error: unknown): never {
  console.error(`switchboard: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function configOrExit(): Config {
  try {
    return parseConfig(process.env);
  } catch (error) {
    fail(error);
  }
}

function stopOnSignals(app: RunningSwitchboard, logger: Logger): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing the requests in flight');
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: String(error) }, 'stopped with an error');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

async function main(): Promise<void> {
  const config = configOrExit();
  const logger = createLogger(config.logLevel, { pretty: process.stdout.isTTY === true });
  process.on('unhandledRejection', (reason) => logger.error({ err: String(reason) }, 'unhandled rejection'));
  const app = await startSwitchboard(config, { logger }).catch(fail);
  stopOnSignals(app, logger);
  logger.info(
    { url: app.url, address: app.address, graph: app.graphBaseUrl, profile: config.presenceProfile },
    'Switchboard is running',
  );
  printLocalGuide(app);
}

void main();
