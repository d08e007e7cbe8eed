// Child processes for `npm run playground` and its test: start one, know when it is ready from what it
// prints, stop it (SIGTERM, then SIGKILL after a grace period).
import { spawn, type ChildProcess } from 'node:child_process';

export interface StartedProcess {
  readonly process: ChildProcess;
  /** The `ready` pattern's match in its output. */
  readonly match: RegExpExecArray;
  /** What it printed lately, both streams. */
  readonly output: () => string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
}

export interface StartOptions {
  readonly timeoutMs?: number;
  /** Also copy its output to this process's stdout and stderr (for a person watching). */
  readonly echo?: boolean;
  readonly cwd?: string;
}

/** A long interactive session logs a lot: keep the recent part only. */
const KEPT_OUTPUT = 256 * 1024;

export const isRunning = (child: ChildProcess): boolean =>
  child.exitCode === null && child.signalCode === null;

/**
 * `node <args>` with `env` as its whole environment (plus PATH), resolved once `ready` appears in its output;
 * rejects with that output if it exits or stalls first.
 */
export function startUntilReady(
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  label: string,
  options: StartOptions = {},
): Promise<StartedProcess> {
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  if (options.echo) child.stdout.pipe(process.stdout);
  if (options.echo) child.stderr.pipe(process.stderr);
  let output = '';
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const fail = (why: string) => reject(new Error(`${label} ${why}:\n${output}`));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail('did not start in time');
    }, options.timeoutMs ?? 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
      const match = ready.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({ process: child, match, output: () => output, exited });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(`exited (${code}) before it was ready`);
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves with how it exited. */
export async function stopProcess(started: StartedProcess, graceMs = 12_000): Promise<number | string> {
  const { process: child } = started;
  if (isRunning(child)) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await started.exited;
  clearTimeout(timer);
  return code;
}
