// Runs `bot/main.ts` as a child that is expected to stop by itself, and returns its exit code and output.
import { spawn } from 'node:child_process';

export interface Finished {
  readonly code: number | string;
  readonly stdout: string;
  readonly stderr: string;
}

export function runToExit(env: Record<string, string>, timeoutMs = 60_000): Promise<Finished> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? -1, stdout, stderr });
    }),
  );
}
