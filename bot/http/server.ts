// The HTTP edge: one restify server for the contact center, admins, Graph, the bot and the tab.
import restify from 'restify';
import type { Request, Response, Server } from 'restify';
import { useContractErrors } from './http-errors';

export interface HttpServer {
  readonly server: Server;
  /** /healthz answers 200 only after this is called (store open, configuration valid). */
  markReady(): void;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

export function createHttpServer(): HttpServer {
  const server = restify.createServer({ name: 'switchboard', handleUncaughtExceptions: false });
  let ready = false;
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
    close: () =>
      new Promise((resolve) => {
        ready = false;
        server.close(() => resolve());
        server.server.closeAllConnections?.();
      }),
  };
}
