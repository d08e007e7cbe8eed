// The HTTP edge: one restify server for the contact center, admins, Graph, the bot and the tab.
// It listens before the routes exist (so /healthz answers during start-up); until markReady() every other
// route answers 503 `starting` with Retry-After, never 404, which a contact center would treat as permanent.
import type { Socket } from 'node:net';
import restify from 'restify';
import type { Next, Request, Response, Server } from 'restify';
import { drainAndClose, trackInFlight } from './drain';
import { sendError, useContractErrors } from './http-errors';

export interface HttpServer {
  readonly server: Server;
  /** /healthz answers 200 from now on: the store is open and the configuration valid. */
  markAlive(): void;
  /** /readyz answers 200 and every route is served from now on: routes mounted, engine started. */
  markReady(): void;
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting and drains the requests in flight; resets the rest after budgetMs (default 5 s). */
  close(budgetMs?: number): Promise<void>;
}

// find-my-way (restify's router) answers 404 to a path parameter over 100 characters; ids may have 256
// (up to 768 once percent-encoded) and a longer one must reach the id validator for a clear 400. The whole
// request line is bounded by node's 16 KiB header limit anyway.
const SERVER_OPTIONS = { name: 'switchboard', handleUncaughtExceptions: false, maxParamLength: 16 * 1024 };
const PROBES = new Set(['/healthz', '/readyz']);
const RETRY_AFTER_SECONDS = '2';
/** Node's parser and timeout errors, answered in the contract's shape (anything else is a 400). */
const CLIENT_ERRORS: Readonly<Record<string, readonly [string, string, string]>> = {
  HPE_HEADER_OVERFLOW: [
    '431 Request Header Fields Too Large',
    'headers_too_large',
    'The request headers are larger than 16 KiB',
  ],
  ERR_HTTP_REQUEST_TIMEOUT: ['408 Request Timeout', 'request_timeout', 'The request took too long to arrive'],
};
const BAD_REQUEST = ['400 Bad Request', 'bad_request', 'The request is not valid HTTP'] as const;

/** Node's parser errors (a 1 MB header, garbage) become a JSON answer instead of a bare reset. */
function answerClientErrors(server: Server): void {
  server.server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    socket.on('error', () => undefined);
    if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
    const [status, code, message] = CLIENT_ERRORS[err.code ?? ''] ?? BAD_REQUEST;
    const body = JSON.stringify({ error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}` +
        `\r\nConnection: close\r\n\r\n${body}`,
    );
    // Keep reading what the client still sends, so it sees the answer rather than a reset.
    socket.resume();
    setTimeout(() => socket.destroy(), 2000).unref();
  });
}

/** A path whose %-escapes are not UTF-8 names nothing: 400, where the router would say 404 "not found". */
function refuseUndecodablePaths(req: Request, res: Response, next: Next): void {
  try {
    decodeURIComponent(req.getPath());
    next();
  } catch {
    sendError(res, 400, 'invalid_path', 'The path has %-escapes that are not UTF-8');
    next(false);
  }
}

export function createHttpServer(): HttpServer {
  const server = restify.createServer(SERVER_OPTIONS);
  let alive = false;
  let ready = false;
  let wasReady = false;
  const inFlight = trackInFlight(server);
  useContractErrors(server);
  answerClientErrors(server);
  server.pre((req: Request, res: Response, next: Next) => {
    if (ready || PROBES.has(req.getPath())) return next();
    res.header('Retry-After', RETRY_AFTER_SECONDS);
    if (wasReady) sendError(res, 503, 'stopping', 'Switchboard is shutting down; retry shortly');
    else sendError(res, 503, 'starting', 'Switchboard is starting; retry shortly');
    return next(false);
  });
  server.pre(refuseUndecodablePaths);
  server.get('/healthz', async (_req: Request, res: Response) => {
    if (alive) res.send(200, { status: 'ok' });
    else sendError(res, 503, 'not_ready', 'Switchboard is starting');
  });
  server.get('/readyz', async (_req: Request, res: Response) => {
    if (ready) res.send(200, { status: 'ready' });
    else sendError(res, 503, wasReady ? 'stopping' : 'starting', 'Switchboard is not serving traffic');
  });
  return {
    server,
    markAlive: () => {
      alive = true;
    },
    markReady: () => {
      alive = true;
      ready = true;
      wasReady = true;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host ?? '0.0.0.0', () => {
          const address = server.address();
          resolve(`http://127.0.0.1:${address.port}`);
        });
      }),
    close: (budgetMs = 5000) => {
      ready = false;
      return drainAndClose(server, inFlight, budgetMs);
    },
  };
}
