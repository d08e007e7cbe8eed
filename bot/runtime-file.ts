// DATA_DIR/runtime.json: where the running service can be reached, so tools (the switchboard-cc CLI) need
// not guess ports. Written once the service is ready, removed on a clean close; holds no secrets. A file
// left by a crashed process is recognised by its pid no longer being alive.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const RUNTIME_FILE_NAME = 'runtime.json';

const runtimeSchema = z.object({
  /** The service's own URL, e.g. http://127.0.0.1:3978. */
  url: z.string(),
  /** The local Graph emulator's origin (local mode), else null. */
  emulatorUrl: z.string().nullable(),
  /** The session id Switchboard sets Teams presence under (an app id, not a secret). */
  presenceSessionId: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});

export type RuntimeInfo = z.infer<typeof runtimeSchema>;

export const runtimeFilePath = (dataDir: string): string => join(dataDir, RUNTIME_FILE_NAME);

export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  mkdirSync(dataDir, { recursive: true });
  const path = runtimeFilePath(dataDir);
  const temporary = `${path}.${info.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** Removes the file only when it is this process's: a newer process on the same DATA_DIR keeps its own. */
export function removeRuntimeFile(dataDir: string, pid: number = process.pid): void {
  const current = readRuntimeFile(dataDir);
  if (current.kind === 'running' && current.info.pid === pid)
    rmSync(runtimeFilePath(dataDir), { force: true });
}

export type RuntimeLookup =
  | { readonly kind: 'running'; readonly info: RuntimeInfo }
  | { readonly kind: 'absent' }
  | { readonly kind: 'stale'; readonly pid: number }
  | { readonly kind: 'unreadable'; readonly message: string };

/** What DATA_DIR says about a running service; never throws. */
export function readRuntimeFile(dataDir: string): RuntimeLookup {
  const path = runtimeFilePath(dataDir);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'absent' };
    return { kind: 'unreadable', message: `${path} cannot be read: ${(error as Error).message}` };
  }
  const parsed = runtimeSchema.safeParse(json);
  if (!parsed.success) return { kind: 'unreadable', message: `${path} is not a Switchboard runtime file` };
  if (!isAlive(parsed.data.pid)) return { kind: 'stale', pid: parsed.data.pid };
  return { kind: 'running', info: parsed.data };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
