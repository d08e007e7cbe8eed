// Teams → contact center: from a user's Teams client presence change at the Graph emulator to the signed
// agent.state.requested arriving at a local contact center, through a change notification (p50/p99).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard } from '../bot/app';
import { startGraphEmulator } from '../src/adapters/graph-emulator';
import { signatureHeaders } from '../src/adapters/signature/hmac-signature';
import { parseConfig } from '../src/config';
import { silentLogger } from '../src/ports/logger.port';
import { freePort } from '../test/support/free-port';
import { summary, until } from './stats';

const SECRET = 'bench-secret';

export async function benchTeamsToCc(samples = 200): Promise<string[]> {
  const arrivals = new Map<string, number>();
  const cc = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { agentId } = JSON.parse(body) as { agentId: string };
      arrivals.set(agentId, performance.now());
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => cc.listen(0, '127.0.0.1', resolve));
  const emulator = await startGraphEmulator({
    token: 't',
    quota: { requests: 1_000_000, windowSeconds: 30 },
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'switchboard-bench-'));
  const port = await freePort();
  const env = {
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    GRAPH_BASE_URL: emulator.url,
    GRAPH_TOKEN: 't',
    AZURE_AUTHORITY_HOST: emulator.origin,
    CC_WEBHOOK_SECRET: SECRET,
    CC_OUTBOUND_URL: `http://127.0.0.1:${(cc.address() as { port: number }).port}`,
    ADMIN_API_KEY: 'k',
    PRESENCE_POLL_SECONDS: '3600',
    GRAPH_PRESENCE_QUOTA: '1000000',
  };
  const app = await startSwitchboard(parseConfig(env), { logger: silentLogger, host: '127.0.0.1' });
  const admin = (method: string, path: string, body: unknown) =>
    fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  try {
    const users = Array.from({ length: samples }, () => randomUUID());
    const events = [];
    for (const [i, user] of users.entries()) {
      emulator.setClientPresence(user, { availability: 'Available', activity: 'Available' });
      await admin('PUT', `/api/admin/links/N${i}`, { teamsUserId: user });
      events.push({
        id: randomUUID(),
        type: 'agent.state',
        occurredAt: new Date().toISOString(),
        agentId: `N${i}`,
        state: 'Available',
      });
    }
    const body = JSON.stringify({ events });
    await fetch(`${app.url}/api/cc/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signatureHeaders(SECRET, body, Date.now() / 1000) },
      body,
    });
    await admin('PUT', '/api/admin/sync-accounts/bench', {
      refreshToken: emulator.issueDelegatedRefreshToken('sync@contoso.com'),
    });
    const covered = async () =>
      (
        (await (
          await fetch(`${app.url}/api/admin/sync-accounts`, { headers: { authorization: 'Bearer k' } })
        ).json()) as { accounts: { usersCovered: number }[] }
      ).accounts[0]?.usersCovered;
    for (let i = 0; i < 200 && (await covered()) !== samples; i++)
      await new Promise((r) => setTimeout(r, 50));
    await app.engine.idle();
    const latencies: number[] = [];
    for (const [i, user] of users.entries()) {
      const start = performance.now();
      emulator.setClientPresence(user, { availability: 'Busy', activity: 'InACall' });
      await until(() => arrivals.has(`N${i}`));
      latencies.push((arrivals.get(`N${i}`) ?? NaN) - start);
    }
    return [
      summary(
        'Teams presence change → notification → agent.state.requested at the contact center',
        latencies,
      ),
    ];
  } finally {
    await app.close();
    await emulator.close();
    cc.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
