// The two processes behind `npm run playground`, shared with test/playground: Switchboard as `npm start`
// runs it, and Microsoft 365 Agents Playground pointed at its /api/messages. Playground sends activities
// without a token, so Switchboard must be in local mode or have BOT_ALLOW_ANONYMOUS=true.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundConfigYaml } from './playground-config';

export interface StartedProcess {
  readonly process: ChildProcess;
  readonly url: string;
  /** Everything it printed so far, both streams. */
  readonly output: () => string;
  /** Resolves with the exit code (or signal name) once it has exited. */
  readonly exited: Promise<number | string>;
}

export interface StartOptions {
  readonly timeoutMs?: number;
  /** Also copy its output to this process's stdout and stderr (for a person watching). */
  readonly echo?: boolean;
}

/** Runs a child until `ready` appears in its output; rejects with that output if it exits or stalls first. */
function startUntil(child: ChildProcess, ready: RegExp, label: string, options: StartOptions) {
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (options.echo) child.stdout?.pipe(process.stdout);
  if (options.echo) child.stderr?.pipe(process.stderr);
  let output = '';
  // A long interactive session logs a lot: keep the recent part only.
  const append = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-256 * 1024));
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  const matched = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${label} did not start in time:\n${output}`)),
      timeoutMs,
    );
    const check = () => {
      const match = ready.exec(output);
      if (match) clearTimeout(timer);
      if (match) resolve(match);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { matched, exited, output: () => output };
}

/** `bot/main.ts` as `npm start` runs it, with `env` as its whole environment (plus PATH). */
export async function startSwitchboardProcess(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<StartedProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running = /"url":"(http:\/\/[^"]+)".*Switchboard is running/;
  const run = startUntil(child, running, 'Switchboard', options);
  const [, url] = await run.matched;
  return { process: child, url: url!, output: run.output, exited: run.exited };
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  readonly port: number;
}

/** Agents Playground (UI and its Bot Connector on one port), in a scratch directory removed on exit. */
export async function startPlaygroundProcess(
  options: PlaygroundOptions & StartOptions,
): Promise<StartedProcess> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-playground-'));
  const configPath = join(dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfigYaml());
  const args = [
    '-e',
    options.botEndpoint,
    '-c',
    'msteams',
    '-p',
    String(options.port),
    '--disable-telemetry',
  ];
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: dir, // it writes devTools/ logs into its working directory
    env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = startUntil(child, /Listening on (\d+)/, 'Agents Playground', options);
  const url = `http://127.0.0.1:${options.port}`;
  // Its own log (a bad config, a port in use) goes to devTools/ only: read it before the directory goes.
  const log = () => readFileIfAny(join(dir, 'devTools', 'm365agentsplayground.log'));
  const exited = run.exited.then((code) => {
    const why = log();
    rmSync(dir, { recursive: true, force: true });
    return { code, why };
  });
  try {
    // It says "Listening" before it reads its config, so ready means its config API answers.
    await run.matched;
    await untilAnswers(`${url}/_internal/v1/config`, () => isRunning(child));
  } catch (error) {
    if (isRunning(child)) child.kill('SIGKILL');
    const { code, why } = await exited;
    throw new Error(`Agents Playground did not start (${code}): ${String(error)}\n${why}`);
  }
  return { process: child, url, output: run.output, exited: exited.then(({ code }) => code) };
}

function readFileIfAny(path: string): string {
  return existsSync(path) ? readFileSync(path, 'utf8') : '';
}

const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null;

async function untilAnswers(url: string, alive: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(url).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    if (ok) return;
    if (!alive()) throw new Error('it exited');
    if (Date.now() > deadline) throw new Error(`${url} did not answer in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`; resolves once it has exited. */
export async function stopProcess(started: StartedProcess, graceMs = 12_000): Promise<number | string> {
  const { process: child } = started;
  if (isRunning(child)) child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await started.exited;
  clearTimeout(timer);
  return code;
}
