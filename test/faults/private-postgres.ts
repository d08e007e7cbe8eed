// A PostgreSQL cluster of the fault suite's own (initdb + pg_ctl in a temp dir, on a free port), so it can be
// stopped and started mid-load without disturbing the shared server other suites use. As root (CI) the
// server runs as the `postgres` user, which PostgreSQL requires. Fails clearly when the binaries are missing.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { freePort } from '../support/free-port';

const ROOT = '/usr/lib/postgresql';

function binDir(): string {
  const versions = existsSync(ROOT) ? readdirSync(ROOT).sort((x, y) => Number(y) - Number(x)) : [];
  const dir = versions.map((v) => join(ROOT, v, 'bin')).find((d) => existsSync(join(d, 'pg_ctl')));
  if (!dir)
    throw new Error(`no PostgreSQL server binaries (initdb, pg_ctl) under ${ROOT}: install postgresql`);
  return dir;
}

export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://switchboard@127.0.0.1:${this.port}/postgres`;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = binDir();
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
    const cluster = new PrivatePostgres(bin, dir, await freePort());
    if (userInfo().uid === 0) chownSync(dir, uid('postgres'), gid('postgres'));
    cluster.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'switchboard', '--no-sync']);
    cluster.start();
    return cluster;
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-o',
      options,
      '-l',
      join(this.dir, 'log'),
      '-w',
      'start',
    ]);
  }

  /** `immediate`: as a crash of the server would (recovery on the next start); `fast`: an operator's stop. */
  stop(mode: 'immediate' | 'fast' = 'immediate'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  destroy(): void {
    try {
      this.stop('immediate');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(tool: string, args: string[]): void {
    const path = join(this.bin, tool);
    const [command, argv] =
      userInfo().uid === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    try {
      execFileSync(command, argv, { stdio: 'pipe', timeout: 60_000 });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || String(error)}`);
    }
  }
}

function uid(user: string): number {
  return Number(execFileSync('id', ['-u', user]).toString().trim());
}

function gid(user: string): number {
  return Number(execFileSync('id', ['-g', user]).toString().trim());
}
