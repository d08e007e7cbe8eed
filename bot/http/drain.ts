// Graceful close for the HTTP server (issue 7 item 1): the requests in flight at SIGTERM get their normal
// answers; closeAllConnections, which reset them, is only the last resort at the budget.
import type { ServerResponse } from 'node:http';
import type { Server } from 'restify';

type NodeResponse = ServerResponse;

/** The responses not yet closed, from the server's creation on. */
export function trackInFlight(server: Server): Set<NodeResponse> {
  const inFlight = new Set<NodeResponse>();
  const track = (_req: unknown, res: NodeResponse) => {
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  };
  // restify answers `Expect: 100-continue` itself, so those requests come as checkContinue, not request.
  server.server.on('request', track).on('checkContinue', track);
  return inFlight;
}

/** Stops accepting, lets the requests in flight finish, closes keep-alive connections as they fall idle,
 * and resets what is left only when the budget runs out. */
export function drainAndClose(server: Server, inFlight: Set<NodeResponse>, budgetMs: number): Promise<void> {
  const http = server.server;
  // Connection: close on every answer from now on, so each keep-alive connection ends with its response.
  const endWhenDone = (res: NodeResponse) => {
    if (!res.headersSent) res.shouldKeepAlive = false;
    res.once('finish', () => setImmediate(() => http.closeIdleConnections()));
  };
  inFlight.forEach(endWhenDone);
  const onNew = (_req: unknown, res: NodeResponse) => endWhenDone(res);
  http.on('request', onNew).on('checkContinue', onNew);
  return new Promise((resolve) => {
    const force = setTimeout(() => http.closeAllConnections(), budgetMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    http.closeIdleConnections();
  });
}
