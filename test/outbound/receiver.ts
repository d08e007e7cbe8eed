// A contact center's inbound endpoint for the tests: a real HTTP server on loopback that checks every request's
// signature as the contract says a receiver should, records what came in, and answers as the test decides.
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifySignature,
} from '../../src/adapters/signature/hmac-signature';

export interface Received {
  readonly body: any;
  readonly headers: IncomingHttpHeaders;
  /** verifySignature's verdict at the receiver's time. */
  readonly signed: boolean;
  /** The status the receiver answered. */
  readonly status: number;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

/** Decides each answer; by default 200 to a well-signed request and 401 otherwise. */
export type Responder = (body: any, signed: boolean) => Reply | 'hang';

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  /** Requests left unanswered ('hang') so far. */
  readonly hung: () => number;
  respond: Responder;
  /** Bodies answered 2xx, in arrival order. */
  accepted(): any[];
  /** Stops listening (connections are refused) until up() is called. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const okIfSigned: Responder = (_body, signed) => (signed ? { status: 200 } : { status: 401 });

export async function startReceiver(secret: string, nowSeconds: () => number): Promise<Receiver> {
  const hanging = new Set<() => void>();
  let server: Server | null = null;
  let hungCount = 0;
  const receiver: Receiver = {
    url: '',
    port: 0,
    received: [],
    hung: () => hungCount,
    respond: okIfSigned,
    accepted: () => receiver.received.filter((r) => r.status < 300).map((r) => r.body),
    async down() {
      for (const end of hanging) end();
      hanging.clear();
      await closeServer(server);
      server = null;
    },
    async up() {
      server = await listen(handler, receiver.port);
    },
    close: () => receiver.down(),
  };
  const handler: RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const check = verifySignature(
        secret,
        raw,
        header(req.headers, TIMESTAMP_HEADER),
        header(req.headers, SIGNATURE_HEADER),
        nowSeconds(),
      );
      const body: unknown = JSON.parse(raw.toString('utf8'));
      const reply = receiver.respond(body, check.ok);
      if (reply === 'hang') {
        hungCount += 1;
        hanging.add(() => res.destroy());
        return;
      }
      receiver.received.push({ body, headers: req.headers, signed: check.ok, status: reply.status });
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  };
  server = await listen(handler, 0);
  const port = (server.address() as AddressInfo).port;
  Object.assign(receiver, { port, url: `http://127.0.0.1:${port}/cc/inbound` });
  return receiver;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function listen(handler: RequestListener, port: number): Promise<Server> {
  const server = createServer(handler);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server | null): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** A port nothing listens on: bound once by us, then released. */
export async function refusedUrl(): Promise<string> {
  const server = await listen(() => {}, 0);
  const port = (server.address() as AddressInfo).port;
  await closeServer(server);
  return `http://127.0.0.1:${port}/cc/inbound`;
}
