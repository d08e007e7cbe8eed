// The service under test as a child process (`node --import tsx bot/main.ts`, as `npm start` runs it), with
// real-style settings against the recording proxy in front of the emulator; its links are seeded in the store
// before it starts. Also reads the child's CPU time and peak RSS from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLinks } from '../../src/adapters/sqlite/links';
import { migrateSqlite } from '../../src/adapters/sqlite/migrate';
import { openDatabase } from '../../src/adapters/sqlite/open-database';
import { freePort } from '../../test/support/free-port';
import { agentId, teamsUserId } from '../../src/domain/ids';

export const SECRET = 'bench-secret';
export const TOKEN = 'bench-token';

export interface Service {
  readonly url: string;
  readonly pid: number;
  /** CPU seconds (user + system) used so far. */
  cpuSeconds(): number;
  /** Peak resident set size so far, MB. */
  peakRssMb(): number;
  close(): Promise<void>;
}

/** Links agent i (id `A<i>`) to Teams user `users[i]` with the store's own link code, in one transaction. */
function seedLinks(dataDir: string, users: readonly string[]): void {
  const db = openDatabase(dataDir);
  const createdAt = new Date().toISOString();
  try {
    migrateSqlite(db);
    const links = new SqliteLinks(db);
    db.transaction(() => {
      for (let i = 0; i < users.length; i++) {
        links.put({ agentId: agentId(`A${i}`), teamsUserId: teamsUserId(users[i] ?? ''), createdAt });
      }
    })();
  } finally {
    db.close();
  }
}

export const userIds = (n: number): string[] => Array.from({ length: n }, () => randomUUID());

export async function startService(
  graphOrigin: string,
  users: readonly string[],
  quota: number,
  extraEnv: Record<string, string> = {},
): Promise<Service> {
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  seedLinks(dataDir, users);
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: `${graphOrigin}/v1.0`,
    GRAPH_TOKEN: TOKEN,
    AZURE_AUTHORITY_HOST: graphOrigin,
    CC_WEBHOOK_SECRET: SECRET,
    ADMIN_API_KEY: 'bench-admin',
    GRAPH_PRESENCE_QUOTA: String(quota),
    LOG_LEVEL: 'warn',
    ...extraEnv,
  };
  // BENCH_SERVICE_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the service under load.
  const nodeArgs = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'bot/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // However the bench ends (an error, Ctrl-C: main.ts turns signals into exit), the service goes with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const url = `http://127.0.0.1:${port}`;
  await ready(child, url);
  const pid = child.pid ?? 0;
  return {
    url,
    pid,
    cpuSeconds: () => {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    peakRssMb: () => {
      const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(match?.[1] ?? 0) / 1024;
    },
    async close() {
      process.off('exit', orphanGuard);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits for /readyz to answer 200 (the log stays at warn, so it is not parsed). */
async function ready(child: ChildProcess, url: string): Promise<void> {
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`service exited (${exited}) before starting:\n${output}`);
    const status = await fetch(`${url}/readyz`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`service did not become ready:\n${output}`);
}
