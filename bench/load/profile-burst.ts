// Ad-hoc: a burst against the service with a CPU profile (not part of npm run bench).
import { randomUUID } from 'node:crypto';
import { startGraphEmulator } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startRecorder } from './recorder';
import { SECRET, startService, TOKEN, userIds } from './service';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 5000);
  const users = userIds(n);
  const graph = await startGraphEmulator({ token: TOKEN, quota: { requests: 1_000_000, windowSeconds: 30 } });
  const rec = await startRecorder(graph.origin);
  const service = await startService(
    rec.url,
    users,
    1_000_000,
    process.env.SC ? { SYNC_CONCURRENCY: process.env.SC } : {},
  );
  const cpu0 = service.cpuSeconds();
  const t0 = Date.now();
  for (let i = 0; i < n; i += 500) {
    const events = Array.from({ length: Math.min(500, n - i) }, (_, k) => ({
      id: randomUUID(),
      type: 'agent.state',
      occurredAt: new Date().toISOString(),
      agentId: `A${i + k}`,
      state: 'Busy',
    }));
    const body = JSON.stringify({ events });
    const headers = {
      'content-type': 'application/json',
      ...signatureHeaders(SECRET, body, Date.now() / 1000),
    };
    const res = await fetch(`${service.url}/api/cc/events`, { method: 'POST', headers, body });
    if (res.status !== 202) throw new Error(String(res.status));
  }
  const ingest = (Date.now() - t0) / 1000;
  const cpuIngest = service.cpuSeconds() - cpu0;
  const shown = new Set<string>();
  const sample = async () => {
    const text = await fetch(`${service.url}/metrics`, {
      headers: { authorization: 'Bearer bench-admin' },
    }).then((r) => r.text());
    const pick = (name: string) =>
      Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
    console.log(
      `rss ${pick('process_resident_memory_bytes').toFixed(0)} heapUsed ${pick('nodejs_heap_size_used_bytes').toFixed(0)} heapTotal ${pick('nodejs_heap_size_total_bytes').toFixed(0)} external ${pick('nodejs_external_memory_bytes').toFixed(0)}`,
    );
  };
  const sampler = setInterval(() => void sample().catch(() => undefined), 2000);
  while (shown.size < n && Date.now() - t0 < 120_000) {
    for (const w of rec.writes) if (w.status < 300 && w.activity === 'InACall') shown.add(w.user);
    await new Promise((r) => setTimeout(r, 200));
  }
  const all = (Date.now() - t0) / 1000;
  clearInterval(sampler);
  console.log({
    n,
    ingestS: ingest,
    evPerS: n / ingest,
    cpuIngest,
    allShownS: all,
    shown: shown.size,
    cpu: service.cpuSeconds() - cpu0,
    rssMb: service.peakRssMb(),
    requests: rec.counts,
  });
  await service.close();
  await rec.close();
  await graph.close();
}
main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
