// Contact center → Teams: how long from a signed POST /api/cc/events to our setPresence at the Graph
// emulator, one event at a time (p50/p99), and how many events a second ingest accepts durably in batches.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard } from '../bot/app';
import { startGraphEmulator } from '../src/adapters/graph-emulator';
import { signatureHeaders } from '../src/adapters/signature/hmac-signature';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/ports/logger.port';
import { summary, until } from './stats';

const SECRET = 'bench-secret';

export async function benchCcToTeams(samples = 300, batches = 40): Promise<string[]> {
  const emulator = await startGraphEmulator({
    token: 't',
    quota: { requests: 1_000_000, windowSeconds: 30 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const env = {
    PORT: '0',
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: emulator.url,
    GRAPH_TOKEN: 't',
    CC_WEBHOOK_SECRET: SECRET,
    ADMIN_API_KEY: 'k',
    GRAPH_PRESENCE_QUOTA: '1000000',
    LOG_LEVEL: 'error',
  };
  const app = await startSwitchboard(parseConfig(env), { logger: silentLogger, host: '127.0.0.1' });
  const post = (body: string) =>
    fetch(`${app.url}/api/cc/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, Date.now() / 1000) },
      body,
    });
  const event = (agentId: string, state: string) => ({
    id: randomUUID(),
    type: 'agent.state',
    occurredAt: new Date().toISOString(),
    agentId,
    state,
  });
  try {
    const users = Array.from({ length: samples }, () => randomUUID());
    for (const [i, user] of users.entries()) {
      await fetch(`${app.url}/api/admin/links/B${i}`, {
        method: 'PUT',
        headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
        body: JSON.stringify({ teamsUserId: user }),
      });
    }
    const latencies: number[] = [];
    for (const [i, user] of users.entries()) {
      const start = performance.now();
      await post(JSON.stringify(event(`B${i}`, 'Busy')));
      await until(() => emulator.presenceOf(user).activity === 'InACall');
      latencies.push(performance.now() - start);
    }
    const started = performance.now();
    for (let b = 0; b < batches; b++) {
      const body = JSON.stringify({
        events: Array.from({ length: 500 }, (_, i) => event(`C${i % 50}`, i % 2 ? 'Busy' : 'Available')),
      });
      const res = await post(body);
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
    }
    const seconds = (performance.now() - started) / 1000;
    await app.engine.idle();
    return [
      summary('cc event → setPresence at Graph (HTTP, SQLite, one at a time)', latencies),
      `ingest: ${batches} batches × 500 events accepted durably in ${seconds.toFixed(2)} s = ${Math.round((batches * 500) / seconds)} events/s`,
    ];
  } finally {
    await app.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
