// The Logger port on pino.
import { pino } from 'pino';
import type { Logger } from '../src/ports/logger.port';

export function createLogger(level: string): Logger {
  const log = pino({ level, base: undefined, redact: ['token', 'secret', 'authorization'] });
  return {
    debug: (fields, msg) => log.debug(fields, msg),
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
  };
}
