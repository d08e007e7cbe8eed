// The Logger port on pino; child loggers are pino children, so bindings (request and event ids) stay on
// every line they log.
import { pino, type Logger as Pino } from 'pino';
import type { Logger } from '../src/ports/logger.port';

function wrap(log: Pino): Logger {
  return {
    debug: (fields, msg) => log.debug(fields, msg),
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
    child: (bindings) => wrap(log.child(bindings)),
  };
}

export function createLogger(level: string): Logger {
  return wrap(pino({ level, base: undefined, redact: ['token', 'secret', 'authorization'] }));
}
