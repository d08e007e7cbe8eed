// What a newcomer needs after `npm start` in local mode: where the emulator is and how to drive it.
import type { RunningSwitchboard } from './app';

export function printLocalGuide(app: RunningSwitchboard): void {
  const emulator = app.emulator;
  if (!emulator) return;
  const lines = [
    '',
    'Local mode: no Graph settings, so the Graph emulator is running on loopback.',
    `  Graph emulator:     ${emulator.url}   (presence of a user: GET ${emulator.origin}/_emulator/users/<id>)`,
    `  Switchboard:        ${app.url}`,
    `  CC webhook secret:  ${app.ccWebhookSecret}   (kept under ${app.config.dataDir})`,
    app.config.adminApiKey
      ? ''
      : '  Admin API:          disabled; set ADMIN_API_KEY to link agents (see README)',
    '  Send an agent state:  npx switchboard-cc send agent.state --agent A100 --state Busy',
    '',
  ];
  console.log(lines.filter((l) => l !== '').join('\n'));
}
