// The Logger port on pino: JSON lines for process managers and log shippers; when stdout is a terminal, one
// short readable line each ("19:40:01 INFO  Switchboard is running  url=…"), so a newcomer running
// `npm start` reads the log and the local guide as one text.
import { pino, type DestinationStream, type Logger as Pino } from 'pino';
import type { Logger } from '../src/ports/logger.port';

export interface LoggerOptions {
  /** Readable lines instead of JSON (main.ts: when stdout is a TTY). */
  readonly pretty?: boolean;
  readonly out?: { write(text: string): unknown };
}

function field(value: unknown): string {
  return typeof value === 'string' && !/\s/.test(value) ? value : JSON.stringify(value);
}

/** One JSON log line as a person reads it. */
export function readableLine(json: string): string {
  const { level, time, msg, ...fields } = JSON.parse(json) as Record<string, unknown>;
  const label = pino.levels.labels[Number(level)] ?? String(level);
  const at = new Date(Number(time)).toTimeString().slice(0, 8);
  const rest = Object.entries(fields).map(([key, value]) => `${key}=${field(value)}`);
  return [`${at} ${label.toUpperCase().padEnd(5)} ${String(msg ?? '')}`, ...rest].join('  ') + '\n';
}

function readableDestination(out: { write(text: string): unknown }): DestinationStream {
  return { write: (line: string) => void out.write(readableLine(line)) };
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = { level, base: undefined, redact: ['token', 'secret', 'authorization'] };
  const out = options.out ?? process.stdout;
  const log = options.pretty ? pino(settings, readableDestination(out)) : pino(settings);
  return wrap(log);
}

// Child loggers are pino children, so bindings (request and event ids) stay on every line they log.
function wrap(log: Pino): Logger {
  return {
    debug: (fields, msg) => log.debug(fields, msg),
    info: (fields, msg) => log.info(fields, msg),
    warn: (fields, msg) => log.warn(fields, msg),
    error: (fields, msg) => log.error(fields, msg),
    child: (bindings) => wrap(log.child(bindings)),
  };
}
