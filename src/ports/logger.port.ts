/** Structured logging; adapters wrap pino. Fields are plain data; never log secrets or tokens. */
export interface Logger {
  debug(fields: Record<string, unknown>, msg: string): void;
  info(fields: Record<string, unknown>, msg: string): void;
  warn(fields: Record<string, unknown>, msg: string): void;
  error(fields: Record<string, unknown>, msg: string): void;
  /** A logger that adds bindings (e.g. a request or event id) to every line; optional for simple fakes. */
  child?(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** A logger whose every line carries bindings: the adapter's child logger, or a wrapper for one without. */
export function withFields(logger: Logger, bindings: Record<string, unknown>): Logger {
  if (logger.child) return logger.child(bindings);
  return {
    debug: (fields, msg) => logger.debug({ ...bindings, ...fields }, msg),
    info: (fields, msg) => logger.info({ ...bindings, ...fields }, msg),
    warn: (fields, msg) => logger.warn({ ...bindings, ...fields }, msg),
    error: (fields, msg) => logger.error({ ...bindings, ...fields }, msg),
    child: (more) => withFields(logger, { ...bindings, ...more }),
  };
}
