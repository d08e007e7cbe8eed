// `npm run playground`: Switchboard (local mode unless .env has Graph settings) plus Microsoft 365 Agents Playground,
// so a person can chat with the bot in a browser without a tenant. Ctrl-C (SIGINT) or SIGTERM stops both; if
// either stops on its own, the other is stopped too. Ports: PORT (3978) for Switchboard, PLAYGROUND_PORT (56150).
import 'dotenv/config';
import { startPlaygroundProcess, startSwitchboardProcess, type Service } from './playground-stack';
import { stopProcess } from './playground-process';
import { PLAYGROUND_USER } from './playground-config';

const port = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (Number.isInteger(value) && value > 0 && value < 65536) return value;
  console.error(`playground: ${name} must be a port number (1-65535), got ${process.env[name]}`);
  process.exit(1);
};

function guide(switchboard: Service, playground: Service, adminKey: string): string {
  const user = PLAYGROUND_USER.objectId;
  return [
    '',
    `Agents Playground: ${playground.url}   (open it in a browser; you are ${PLAYGROUND_USER.name})`,
    `Switchboard:       ${switchboard.url}   (the bot at /api/messages, accepting Playground's unsigned activities)`,
    '',
    'In the Personal Chat, say "help" or "status". To see a linked agent in "status", in another terminal:',
    `  export ADMIN_API_KEY=${adminKey}`,
    `  npx switchboard-cc link A100 ${user}`,
    '  npx switchboard-cc send agent.state --agent A100 --state Busy',
    'Ctrl-C stops both.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const botPort = port('PORT', 3978);
  if (process.env.BOT_ID) {
    console.error('playground: BOT_ID is set, but Agents Playground sends no Bot Framework token; unset it');
    process.exit(1);
  }
  const env: Record<string, string> = {
    LOG_LEVEL: 'info',
    ADMIN_API_KEY: 'local-admin',
    // The bot takes unsigned activities here: keep it off the network unless asked.
    HOST: '127.0.0.1',
    // Local mode implies it; with Graph settings in .env the bot would otherwise refuse Playground.
    BOT_ALLOW_ANONYMOUS: 'true',
    ...(process.env as Record<string, string>),
    PORT: String(botPort),
  };
  // Both at once: Playground only calls the bot when a chat opens.
  const starts = [
    startSwitchboardProcess(env, { echo: true }),
    startPlaygroundProcess({
      botEndpoint: `http://127.0.0.1:${botPort}/api/messages`,
      port: port('PLAYGROUND_PORT', 56150),
    }),
  ] as const;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const started = await Promise.allSettled(starts);
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? stopProcess(s.value) : null)));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  const [switchboard, playground] = await Promise.allSettled(starts);
  if (switchboard.status === 'rejected' || playground.status === 'rejected') {
    for (const s of [switchboard, playground])
      if (s.status === 'rejected') console.error(`playground: ${errorText(s.reason)}`);
    return stopAll(1);
  }
  const onExit = (name: string) => (code: number | string) => {
    if (!stopping) console.error(`playground: ${name} stopped (${code}); stopping the other`);
    void stopAll(1);
  };
  void switchboard.value.exited.then(onExit('Switchboard'));
  void playground.value.exited.then(onExit('Agents Playground'));
  if (!stopping) process.stderr.write(guide(switchboard.value, playground.value, env.ADMIN_API_KEY!));
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

void main().catch((error: unknown) => {
  console.error(`playground: ${errorText(error)}`);
  process.exit(1);
});
