// The start-up steps that can fail on a setting, each turned into one line naming it: DATA_DIR made private
// and locked, the store opened, the port bound. They run before anything is left listening.
import type { AddressInfo } from 'node:net';
import { openPostgresStore } from '../src/adapters/postgres';
import { openSqliteStore } from '../src/adapters/sqlite';
import { preparePrivateDir } from '../src/adapters/data-dir/private-dir';
import type { Config } from '../src/config';
import { CodedError } from '../src/domain/errors';
import type { ChatStore } from '../src/ports/chat-store.port';
import type { DirectoryStore } from '../src/ports/directory-store.port';
import type { StoreHousekeeping } from '../src/ports/housekeeping.port';
import type { IdentityStore } from '../src/ports/identity-store.port';
import type { Store } from '../src/ports/store.port';

/** The store as opened: the port the service uses, the housekeeping the pruner and gauges use, and the chat,
 * identity and directory stores on the same database. */
export type OpenedStore = Store &
  StoreHousekeeping & { chat(): ChatStore; identity(): IdentityStore; directory(): DirectoryStore };
import { lockDataDir, type DataDirLock } from './data-dir-lock';
import type { HttpServer } from './http/server';

const DATABASE_CONNECT_BUDGET_MS = 15_000;

export interface Storage {
  readonly store: OpenedStore;
  /** Null with DATABASE_URL: PostgreSQL serves several processes, only the embedded store has one owner. */
  readonly lock: DataDirLock | null;
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

async function connectPostgres(databaseUrl: string, schema: string): Promise<OpenedStore> {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${DATABASE_CONNECT_BUDGET_MS / 1000} s`)),
      DATABASE_CONNECT_BUDGET_MS,
    );
  });
  try {
    return await Promise.race([openPostgresStore(databaseUrl, { schema }), budget]);
  } catch (error) {
    throw new CodedError('invalid_config', `DATABASE_URL: cannot open the database (${reason(error)})`);
  } finally {
    clearTimeout(timer);
  }
}

function openEmbedded(dataDir: string): Storage {
  if (dataDir === ':memory:') return { store: openSqliteStore(dataDir), lock: null };
  const lock = lockDataDir(dataDir);
  try {
    return { store: openSqliteStore(dataDir), lock };
  } catch (error) {
    lock.release();
    throw new CodedError(
      'invalid_config',
      `DATA_DIR ${dataDir}: cannot open the database (${reason(error)})`,
    );
  }
}

/** DATA_DIR private (0700/0600) and, for the embedded store, ours alone; then the store, open. */
export async function openStorage(config: Config): Promise<Storage> {
  if (config.dataDir !== ':memory:') preparePrivateDir(config.dataDir);
  if (config.databaseUrl)
    return { store: await connectPostgres(config.databaseUrl, config.databaseSchema), lock: null };
  return openEmbedded(config.dataDir);
}

export interface Bound {
  /** Where this machine reaches the service: loopback when every interface is bound. */
  readonly url: string;
  /** The address actually bound, e.g. 0.0.0.0:3978, for the log. */
  readonly address: string;
}

function hostForUrl(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}

export async function listenOrExplain(http: HttpServer, port: number, host: string): Promise<Bound> {
  try {
    await http.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new CodedError('invalid_config', `PORT ${port} is already in use`);
    throw new CodedError('invalid_config', `HOST ${host} / PORT ${port}: cannot listen (${reason(error)})`);
  }
  const bound = http.server.server.address() as AddressInfo;
  const shown = bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
  return { url: `http://${hostForUrl(bound.address)}:${bound.port}`, address: `${shown}:${bound.port}` };
}
