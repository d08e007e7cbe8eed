// Runs `bot/main.ts` as a child process, as `npm start` does, and finds its URL in the log.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  readonly process: ChildProcess;
  readonly url: string;
  readonly output: () => string;
  /** Each stream on its own: the log is on stdout, the local guide on stderr. */
  readonly streams: () => { readonly stdout: string; readonly stderr: string };
  /** Resolves with the exit code (or signal name). */
  readonly exited: Promise<number | string>;
}

export function startChild(env: Record<string, string>, timeoutMs = 15_000): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const streams = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (streams.stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (streams.stderr += chunk.toString('utf8')));
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child did not start:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /"url":"(http:\/\/[^"]+)".*Switchboard is running/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ process: child, url: match[1], output: () => output, streams: () => streams, exited });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`child exited (${code}) before starting:\n${output}`));
    });
  });
}
