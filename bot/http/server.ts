// The HTTP edge: one restify server for the contact center, admins, Graph, the bot and the tab.
import restify from 'restify';
import type { Request, Response, Server } from 'restify';
import { drainAndClose, trackInFlight } from './drain';
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
    close: (budgetMs = 5000) => {
      ready = false;
      return drainAndClose(server, inFlight, budgetMs);
    },
  };
}
