// Polling fallback: how many users polling covers inside the presence quota (computed), and one measured
// round over 6,500 linked users against the Graph emulator (requests made, round time).
import { randomUUID } from 'node:crypto';
import { createGraphClient, GraphPresenceGateway, staticToken } from '../src/adapters/graph';
import { startGraphEmulator } from '../src/adapters/graph-emulator';
import { openSqliteStore } from '../src/adapters/sqlite';
import { agentId, teamsUserId } from '../src/domain/ids';
import { systemClock } from '../src/ports/clock.port';
import { silentLogger } from '../src/ports/logger.port';
import { BudgetedPresenceGateway } from '../src/sync/budgeted-presence-gateway';
import { PresenceBudget, DEFAULT_WRITE_RESERVE_PCT } from '../src/sync/presence-budget';
import { pollingCapacity, PresencePoller } from '../src/sync/presence-poller';

export async function benchPolling(users = 6500): Promise<string[]> {
  const lines = [10, 5, 1].map(
    (s) =>
      `polling capacity inside 1500 req/30 s (${DEFAULT_WRITE_RESERVE_PCT}% kept for writes), every ${s} s: ${pollingCapacity(1500, DEFAULT_WRITE_RESERVE_PCT, s).toLocaleString('en')} users`,
  );
  const emulator = await startGraphEmulator({ token: 't' });
  const store = openSqliteStore(':memory:');
  try {
    for (let i = 0; i < users; i++) {
      await store.putLink({
        agentId: agentId(`P${i}`),
        teamsUserId: teamsUserId(randomUUID()),
        createdAt: new Date().toISOString(),
      });
    }
    const client = createGraphClient({ baseUrl: emulator.url, tokenProvider: staticToken('t') });
    const raw = new GraphPresenceGateway(client, 'bench-app', silentLogger);
    const gateway = new BudgetedPresenceGateway(
      raw,
      new PresenceBudget(systemClock, { quota: 1500 }),
      systemClock,
    );
    let reported = 0;
    const poller = new PresencePoller(store, gateway, systemClock, silentLogger, {
      maxIntervalMs: 60_000,
      onChanged: async (changes) => {
        reported += changes.length;
      },
    });
    const started = performance.now();
    poller.start();
    await poller.idle();
    const ms = performance.now() - started;
    await poller.stop(1000);
    const reads = emulator.requests().filter((r) => r.path.endsWith('/getPresencesByUserId')).length;
    lines.push(
      `one polling round over ${users.toLocaleString('en')} linked users: ${reads} getPresencesByUserId requests, ${ms.toFixed(0)} ms, ${reported} first-sight presences reported`,
    );
    return lines;
  } finally {
    await store.close();
    await emulator.close();
  }
}
