// The HTTP edge: one restify server for the contact center, admins, Graph, the bot and the tab.
import type { ServerResponse } from 'node:http';
import restify from 'restify';
import type { Request, Response, Server } from 'restify';
import { useContractErrors } from './http-errors';

export interface HttpServer {
  readonly server: Server;
  /** /healthz answers 200 only after this is called (store open, configuration valid). */
  markReady(): void;
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting and drains the requests in flight; resets the rest after budgetMs (default 5 s). */
  close(budgetMs?: number): Promise<void>;
}

export function createHttpServer(): HttpServer {
  const server = restify.createServer({ name: 'switchboard', handleUncaughtExceptions: false });
  let ready = false;
  const inFlight = trackInFlight(server);
  useContractErrors(server);
  server.get('/healthz', async (_req: Request, res: Response) => {
    if (ready) res.send(200, { status: 'ok' });
    else res.send(503, { error: { code: 'not_ready', message: 'Switchboard is starting' } });
  });
  return {
    server,
    markReady: () => {
      ready = true;
    },
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host ?? '0.0.0.0', () => {
          const address = server.address();
          resolve(`http://127.0.0.1:${address.port}`);
        });
      }),
    close: (budgetMs = CLOSE_BUDGET_MS) => {
      ready = false;
      return drainAndClose(server, inFlight, budgetMs);
    },
  };
}

const CLOSE_BUDGET_MS = 5000;

// Stops accepting, lets the requests in flight finish with their normal answers, closes keep-alive
// connections as they fall idle, and resets what is left only when the budget runs out.
type NodeResponse = ServerResponse;

function trackInFlight(server: Server): Set<NodeResponse> {
  const inFlight = new Set<NodeResponse>();
  server.server.on('request', (_req: unknown, res: NodeResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });
  return inFlight;
}

function drainAndClose(server: Server, inFlight: Set<NodeResponse>, budgetMs: number): Promise<void> {
  const http = server.server;
  // Connection: close on every answer from now on, so each keep-alive connection ends with its response.
  const endWhenDone = (res: NodeResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false;
    res.once('finish', () => setImmediate(() => http.closeIdleConnections()));
  };
  inFlight.forEach(endWhenDone);
  http.on('request', (_req: unknown, res: NodeResponse) => endWhenDone(res));
  return new Promise((resolve) => {
    const force = setTimeout(() => http.closeAllConnections(), budgetMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}
