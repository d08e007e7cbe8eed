// A contact center in a terminal: signs and posts events to Switchboard, links agents, shows status, and
// receives Switchboard's outbound events. Run `npx switchboard-cc help`. Every failure is one line on
// stderr and exit code 1; where to connect comes from DATA_DIR/runtime.json (see cc-cli/targets.ts).
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { teamsCommand } from './cc-cli/chat';
import * as commands from './cc-cli/commands';
import { CliError, fail } from './cc-cli/errors';
import { listen, parsePort } from './cc-cli/listen';
import { resolveTargets } from './cc-cli/targets';

const HELP = `switchboard-cc: talk to Switchboard as a contact center would.

  send agent.state  --agent A100 --state Busy [--changed-by agent|system]
  send agent.upsert --agent A100 --email a@contoso.com --name "Johanna"
  send agent.remove --agent A100
  send chat.message --agent A100 --to <teams-user-object-id|upn> --text "Hi" [--message m-1]
  send chat.edit    --agent A100 --message m-1 --text "Hi again"
  send chat.delete  --agent A100 --message m-1
  link A100 <teams-user-object-id> [--upn user@contoso.com]     (admin API)
  unlink A100                                                   (admin API)
  status A100 [--json]                    the agent as Switchboard sees it (admin API)
  presence <teams-user-object-id> [--json]
                                         the user's presence in the local Graph emulator
  teams <teams-user-object-id> <availability> <activity>
                                         set the user's own Teams client presence in the emulator
  sync-account <name> [--upn u@contoso.com]
                                         register a sync account with a refresh token from the emulator
  teams-chat <teams-user-object-id> [--json]
                                         the bot's messages in the user's chat, in the emulator
  teams-say <user> "text" [--name "Pat"] the Teams user writes to the bot (as Teams would)
  teams-edit <user> <activity-id> "text" / teams-delete <user> <activity-id>
  teams-react <user> <activity-id> [like|heart|...]
                                         the Teams user edits, deletes or reacts to a message
  listen [--port 4100]                   receive and verify Switchboard's outbound events
  help                                   this text

Where: --data-dir (default DATA_DIR or ./data) holds runtime.json, which a running Switchboard leaves with
its URL and the emulator's; --url and --graph override it; without it PORT (3978) and EMULATOR_PORT (4000)
are used, also from .env. Keys: --secret (default CC_WEBHOOK_SECRET or <data-dir>/cc-webhook-secret),
--admin-key (default ADMIN_API_KEY).`;

const OPTIONS = {
  agent: { type: 'string' },
  state: { type: 'string' },
  'changed-by': { type: 'string' },
  email: { type: 'string' },
  name: { type: 'string' },
  upn: { type: 'string' },
  to: { type: 'string' },
  text: { type: 'string' },
  message: { type: 'string' },
  url: { type: 'string' },
  graph: { type: 'string' },
  'data-dir': { type: 'string' },
  secret: { type: 'string' },
  'admin-key': { type: 'string' },
  port: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // Node's messages run to several sentences; the first names the problem.
    const first = (error instanceof Error ? error.message : String(error)).split(/\.\s/)[0] ?? '';
    return fail(`${first.replace(/\.$/, '')} (see switchboard-cc help)`);
  }
}

const print = (lines: string | readonly string[]): void =>
  console.log(typeof lines === 'string' ? lines : lines.join('\n'));

async function run(argv: readonly string[]): Promise<void> {
  const { values, positionals } = parse(argv);
  const [command, arg, arg2] = positionals;
  if (!command || command === 'help' || values.help) return print(HELP);
  const targets = resolveTargets(
    { url: values.url, graph: values.graph, dataDir: values['data-dir'] },
    process.env,
  );
  const ctx: commands.Context = { targets, options: values, env: process.env, print };
  const needs = (what: string, usage: string): string => arg ?? fail(`${command} needs ${what}: ${usage}`);
  switch (command) {
    case 'send':
      return commands.send(ctx, arg);
    case 'link':
      return commands.link(ctx, needs('an agent id', 'link A100 <teams-user-object-id>'), arg2);
    case 'unlink':
      return commands.unlink(ctx, needs('an agent id', 'unlink A100'));
    case 'status':
      return commands.status(ctx, needs('an agent id', 'status A100'));
    case 'presence':
      return commands.presence(ctx, needs('a Teams user id', 'presence <teams-user-object-id>'));
    case 'teams':
      return commands.teams(ctx, positionals.slice(1));
    case 'sync-account':
      return commands.syncAccount(ctx, arg);
    case 'teams-chat':
    case 'teams-say':
    case 'teams-edit':
    case 'teams-delete':
    case 'teams-react':
      return teamsCommand(ctx, command, positionals.slice(1));
    case 'listen':
      return listen(parsePort(values.port ?? '4100'), commands.webhookSecret(ctx));
    default:
      console.error(`switchboard-cc: unknown command "${command}"`);
      print(HELP);
      process.exitCode = 1;
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof CliError ? error.message : `unexpected error: ${String(error)}`;
  console.error(`switchboard-cc: ${message.replace(/\s*\n\s*/g, ' ')}`);
  process.exitCode = 1;
});
