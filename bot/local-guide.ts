// What a newcomer needs after `npm start` in local mode: where the emulator is and the next steps in the order
// that shows something (link an agent first, then send a state). Plain text on stderr, so stdout stays the log.
import type { RunningSwitchboard } from './app';

const EXAMPLE_USER = '6e8a9c52-4a3b-4d5e-9f01-2b3c4d5e6f70';

function nextSteps(app: RunningSwitchboard): string[] {
  const steps = [
    `  npx switchboard-cc link A100 ${EXAMPLE_USER}     # agent A100 is this Teams user`,
    '  npx switchboard-cc send agent.state --agent A100 --state Busy',
    `  npx switchboard-cc presence ${EXAMPLE_USER}      # Teams: Busy / InACall`,
  ];
  if (app.config.adminApiKey) return ['Next, in another terminal (with ADMIN_API_KEY exported):', ...steps];
  return [
    'Next: linking needs the admin API, which is off. Restart with a key, e.g.',
    '  ADMIN_API_KEY=local-admin npm start',
    'then, in another terminal with ADMIN_API_KEY=local-admin exported:',
    ...steps,
  ];
}

export function localGuide(app: RunningSwitchboard): string {
  const emulator = app.emulator;
  if (!emulator) return '';
  return [
    '',
    'Local mode: no Graph settings, so the Graph emulator is running on loopback.',
    `  Switchboard:        ${app.url}   (bound to ${app.address})`,
    `  Graph emulator:     ${emulator.url}   (a user's presence: GET ${emulator.origin}/_emulator/users/<id>)`,
    `  CC webhook secret:  ${app.ccWebhookSecret}   (kept under ${app.config.dataDir})`,
    '',
    ...nextSteps(app),
    '',
  ].join('\n');
}

export function printLocalGuide(app: RunningSwitchboard, out: NodeJS.WritableStream = process.stderr): void {
  const guide = localGuide(app);
  if (guide) out.write(`${guide}\n`);
}
