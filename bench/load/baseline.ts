// The baseline: a product that polls the contact center every 10 s and pushes what changed (how seed 001's
// product works), held to the same quota by the same budget, through the same Graph adapter, to its own
// emulator (behind its own recorder) so the two never share a quota.
import { createGraphClient, GraphPresenceGateway, staticToken } from '../../src/adapters/graph';
import type { TeamsPresence } from '../../src/domain/presence';
import { teamsUserId } from '../../src/domain/ids';
import { systemClock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';
import { BudgetedPresenceGateway } from '../../src/sync/budgeted-presence-gateway';
import { PresenceBudget } from '../../src/sync/presence-budget';
import { LOCAL_SESSION_ID } from '../../src/config';
import { TOKEN } from './service';

export const POLL_MS = 10_000;

const PRESENCE: Readonly<Record<string, TeamsPresence>> = {
  Available: { availability: 'Available', activity: 'Available' },
  InACall: { availability: 'Busy', activity: 'InACall' },
};

export interface Baseline {
  stop(): Promise<void>;
}

/** Every POLL_MS, pushes each agent whose wanted activity differs from what it last pushed. */
export function startBaseline(
  graphOrigin: string,
  users: readonly string[],
  wanted: (agent: number) => string | null,
  quota: number,
): Baseline {
  const client = createGraphClient({
    baseUrl: `${graphOrigin}/v1.0`,
    tokenProvider: staticToken(TOKEN),
    maxRetries: 0,
  });
  const inner = new GraphPresenceGateway(client, LOCAL_SESSION_ID, silentLogger);
  const budget = new PresenceBudget(systemClock, { quota });
  const gateway = new BudgetedPresenceGateway(inner, budget, systemClock);
  const pushed: (string | null)[] = users.map(() => null);
  const busy = new Uint8Array(users.length);
  const inFlight = new Set<Promise<unknown>>();
  const poll = () => {
    for (let agent = 0; agent < users.length; agent++) {
      const activity = wanted(agent);
      const presence = activity ? PRESENCE[activity] : undefined;
      if (!presence || busy[agent] || pushed[agent] === activity) continue;
      busy[agent] = 1;
      const call = gateway.setPresence(teamsUserId(users[agent] ?? ''), presence, 30).then(
        (result) => {
          if (result.ok) pushed[agent] = activity;
        },
        () => undefined,
      );
      const tracked = call.finally(() => {
        busy[agent] = 0;
        inFlight.delete(tracked);
      });
      inFlight.add(tracked);
    }
  };
  poll();
  const timer = setInterval(poll, POLL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, 5000))]);
    },
  };
}
