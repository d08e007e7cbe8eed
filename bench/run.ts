// `npm run bench`: prints the figures quoted in the issues' closing notes. Not a test: nothing here asserts.
import { benchCcToTeams } from './cc-to-teams';
import { benchPolling } from './polling';
import { benchTeamsToCc } from './teams-to-cc';

async function main(): Promise<void> {
  const lines = [...(await benchCcToTeams()), ...(await benchTeamsToCc()), ...(await benchPolling())];
  console.log(`node ${process.version}, ${new Date().toISOString()}`);
  for (const line of lines) console.log(line);
}

void main();
