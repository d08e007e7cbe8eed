// Switchboard instances as child processes (as `npm start` runs them) on one store and one Graph emulator,
// each with its own DATA_DIR, so a test can kill one with SIGKILL and start another in its place.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GraphEmulator } from '../../src/adapters/graph-emulator';
import { startChild, type Child } from '../support/child-switchboard';
import { ADMIN_KEY, CC_SECRET, GRAPH_TOKEN } from '../support/switchboard-fixture';

export class Instances {
  private readonly children: Child[] = [];
  private readonly dirs: string[] = [];

  constructor(
    private readonly emulator: GraphEmulator,
    private readonly storeEnv: Record<string, string>,
  ) {}

  /** A new DATA_DIR; pass it to start() again to restart on the same one. */
  dataDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-fault-'));
    this.dirs.push(dir);
    return dir;
  }

  async start(dataDir = this.dataDir(), env: Record<string, string> = {}): Promise<Child> {
    const child = await startChild(
      {
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        GRAPH_BASE_URL: this.emulator.url,
        GRAPH_TOKEN,
        CC_WEBHOOK_SECRET: CC_SECRET,
        ADMIN_API_KEY: ADMIN_KEY,
        AZURE_AUTHORITY_HOST: this.emulator.origin,
        LOG_LEVEL: 'info',
        ...this.storeEnv,
        ...env,
      },
      60_000,
    );
    this.children.push(child);
    return child;
  }

  /** SIGKILL: no close, no exit handlers, the store's connections dropped by the kernel. */
  async kill(child: Child): Promise<void> {
    child.process.kill('SIGKILL');
    await child.exited;
  }

  /** Fails naming the instance when one has exited that the test did not kill. */
  alive(child: Child): boolean {
    return child.process.exitCode === null && child.process.signalCode === null;
  }

  async close(): Promise<void> {
    for (const child of this.children) if (this.alive(child)) child.process.kill('SIGKILL');
    await Promise.all(this.children.splice(0).map((c) => c.exited));
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
