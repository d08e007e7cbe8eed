// Runs the CLI as a person would (`npx switchboard-cc …`): a child process, from any directory.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../scripts/cc-cli.ts', import.meta.url));
const TSX = import.meta.resolve('tsx');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `env` is all the CLI sees besides PATH; `cwd` decides which .env and ./data it finds. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** A CLI error: exactly one line on stderr, exit code 1. */
export function oneLineError(run: CliRun): string {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  if (run.code !== 1 || lines.length !== 1)
    throw new Error(`expected one error line and exit 1, got ${run.code}:\n${run.stderr}`);
  return lines[0] ?? '';
}
