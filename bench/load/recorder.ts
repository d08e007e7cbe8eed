// A recording proxy in front of a Graph emulator: forwards every request unchanged and notes, for each
// presence write, when it arrived, when Graph answered, with what status and which activity it set. This
// is how the bench sees what Teams shows without hooks in the service or the emulator.
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedWrite {
  readonly user: string;
  /** The activity set, or null for clearPresence. */
  readonly activity: string | null;
  readonly arrivedAt: number;
  readonly answeredAt: number;
  readonly status: number;
}

export interface Recorder {
  readonly url: string;
  readonly writes: RecordedWrite[];
  readonly counts: { reads: number; throttled: number; requests: number };
  close(): Promise<void>;
}

const WRITE = /\/users\/([^/]+)\/presence\/(setPresence|clearPresence)$/;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function activityOf(body: Buffer): string | null {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { activity?: unknown };
    return typeof parsed.activity === 'string' ? parsed.activity : null;
  } catch {
    return null;
  }
}

/** Starts a proxy to `target` (an emulator origin); its url replaces the origin in GRAPH_BASE_URL. */
export async function startRecorder(target: string): Promise<Recorder> {
  const to = new URL(target);
  const writes: RecordedWrite[] = [];
  const counts = { reads: 0, throttled: 0, requests: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const server: Server = createServer((req, res) => {
    const arrivedAt = Date.now();
    void readBody(req).then((body) => {
      const upstream = request(
        { agent, host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          const status = answer.statusCode ?? 0;
          counts.requests += 1;
          if (status === 429) counts.throttled += 1;
          const match = WRITE.exec((req.url ?? '').split('?')[0] ?? '');
          if (match?.[1]) {
            const activity = match[2] === 'setPresence' ? activityOf(body) : null;
            writes.push({
              user: decodeURIComponent(match[1]),
              activity,
              arrivedAt,
              answeredAt: Date.now(),
              status,
            });
          } else if (/getPresencesByUserId/.test(req.url ?? '')) counts.reads += 1;
          res.writeHead(status, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => (res.writeHead(502), res.end()));
      upstream.end(body);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    writes,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        agent.destroy();
        server.close(() => resolve());
      }),
  };
}
