// The two processes behind `npm run playground`, shared with test/playground: Switchboard as `npm start`
// runs it, and Microsoft 365 Agents Playground pointed at its /api/messages. Playground sends activities
// without a token, so Switchboard must be in local mode or have BOT_ALLOW_ANONYMOUS=true.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundConfigYaml } from './playground-config';
import { isRunning, startUntilReady, type StartedProcess, type StartOptions } from './playground-process';

export interface Service extends StartedProcess {
  readonly url: string;
}

/** `bot/main.ts` as `npm start` runs it, with `env` as its whole environment (plus PATH). */
export async function startSwitchboardProcess(
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<Service> {
  const running = /"url":"(http:\/\/[^"]+)".*Switchboard is running/;
  const started = await startUntilReady(
    ['--import', 'tsx', 'bot/main.ts'],
    env,
    running,
    'Switchboard',
    options,
  );
  return { ...started, url: started.match[1]! };
}

export interface PlaygroundOptions extends StartOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  readonly botEndpoint: string;
  readonly port: number;
}

/** Agents Playground (UI and its Bot Connector on one port), in a scratch directory removed on exit. */
export async function startPlaygroundProcess(options: PlaygroundOptions): Promise<Service> {
  const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-playground-'));
  const configPath = join(dir, '.m365agentsplayground.yml');
  writeFileSync(configPath, playgroundConfigYaml());
  const args = [
    cli,
    '-e',
    options.botEndpoint,
    '-c',
    'msteams',
    '-p',
    String(options.port),
    '--disable-telemetry',
  ];
  const env = {
    ...(process.env as Record<string, string>),
    TEAMSAPPTESTER_BROWSER: 'none',
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
  };
  // Its own log (a bad config, a port in use) goes to devTools/ under its working directory only.
  const log = join(dir, 'devTools', 'm365agentsplayground.log');
  const why = () => (existsSync(log) ? readFileSync(log, 'utf8') : '');
  let started: StartedProcess | undefined;
  try {
    started = await startUntilReady(args, env, /Listening on (\d+)\r?\n/, 'Agents Playground', {
      ...options,
      cwd: dir,
    });
    // It says "Listening" before it reads its config: ready means its config API answers.
    await untilAnswers(`${playgroundUrl(started)}/_internal/v1/config`, () => isRunning(started!.process));
  } catch (error) {
    if (started && isRunning(started.process)) started.process.kill('SIGKILL');
    await started?.exited;
    const reason = why();
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Agents Playground did not start: ${String(error)}\n${reason}`);
  }
  const exited = started.exited.finally(() => rmSync(dir, { recursive: true, force: true }));
  return { ...started, url: playgroundUrl(started), exited };
}

/** Where it listens: with its port taken, Playground picks another one and says so. */
const playgroundUrl = (started: StartedProcess): string => `http://127.0.0.1:${started.match[1]}`;

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
