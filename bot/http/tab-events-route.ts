// Live updates for the tab: GET /api/tab/events, server-sent events of my agent's status. Authenticated like
// the API: an SSO bearer token (fetch streaming) or ?ticket= from POST /api/tab/events/ticket (EventSource).
// Changes are found by a cheap version check against the store every few seconds, so a change committed by
// any instance reaches every stream. Bounded: streams per user and in all, heartbeats, all closed on shutdown.
import type { ServerResponse } from 'node:http';
import type { Request, Response, Server } from 'restify';
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import { checkTicket, issueTicket } from '../../src/identity/event-ticket';
import type { IdentityDeps } from '../../src/identity/identity-deps';
import { linkState } from '../../src/identity/self-service';
import { agentStatus } from '../../src/sync/agent-status';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { sendError } from './http-errors';
import { sendSsoFailure, type SsoVerifier } from './sso-auth';
import { requireTabUser, tabUser } from './tab-guards';

export interface TabEventsDeps {
  readonly sync: SyncDeps;
  readonly identity: IdentityDeps;
  readonly verify: SsoVerifier;
  readonly ticketKey: Buffer;
  readonly limits?: Partial<StreamLimits>;
}

export interface StreamLimits {
  readonly perUser: number;
  readonly total: number;
  readonly checkMs: number;
  readonly heartbeatMs: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = {
  perUser: 3,
  total: 500,
  checkMs: 2000,
  heartbeatMs: 15_000,
};

export interface TabEvents {
  /** Ends every open stream (on shutdown, before the HTTP server drains). */
  closeAll(): void;
  openStreams(): number;
}

async function snapshot(deps: TabEventsDeps, user: TeamsUserId): Promise<{ version: string; data: string }> {
  const link = await linkState(deps.identity, user);
  const agentId = link.state === 'linked' ? link.agentId : null;
  const agentVersion = agentId ? await deps.identity.identity.agentVersion(agentId) : null;
  const version = `${JSON.stringify(link)}#${agentVersion ?? ''}`;
  const agent = agentId ? await agentStatus(deps.sync, agentId) : null;
  return { version, data: JSON.stringify({ link, agent }) };
}

/** The stream's user from the ticket or the bearer token; answers 401 itself when neither is valid. */
async function streamUser(deps: TabEventsDeps, req: Request, res: Response): Promise<string | null> {
  const ticket = new URL(req.url ?? '/', 'http://query.invalid').searchParams.get('ticket');
  if (ticket !== null) {
    const oid = checkTicket(deps.ticketKey, ticket, deps.sync.clock.now());
    if (!oid) sendError(res, 401, 'invalid_ticket', 'The events ticket is invalid or expired; get a new one');
    return oid;
  }
  const auth = await deps.verify(req.header('authorization'));
  if (!auth.ok) {
    sendSsoFailure(res, auth);
    return null;
  }
  return auth.user.oid;
}

export function mountTabEvents(server: Server, deps: TabEventsDeps): TabEvents {
  const limits = { ...DEFAULT_STREAM_LIMITS, ...deps.limits };
  const open = new Map<ServerResponse, string>();
  let closing = false;
  const count = (oid: string) => [...open.values()].filter((o) => o === oid).length;

  server.post('/api/tab/events/ticket', requireTabUser(deps.verify), async (req: Request, res: Response) => {
    res.header('Cache-Control', 'no-store');
    res.send(200, issueTicket(deps.ticketKey, tabUser(req).oid, deps.sync.clock.now()));
  });

  server.get('/api/tab/events', async (req: Request, res: Response) => {
    const oid = await streamUser(deps, req, res);
    if (oid === null) return;
    if (closing) return sendError(res, 503, 'stopping', 'Switchboard is shutting down; reconnect shortly');
    if (open.size >= limits.total || count(oid) >= limits.perUser) {
      const which = open.size >= limits.total ? 'in all' : 'for you';
      sendError(
        res,
        429,
        'too_many_streams',
        `Too many open event streams ${which}; close another tab first`,
      );
      return;
    }
    const raw = res as unknown as ServerResponse;
    open.set(raw, oid);
    stream(deps, limits, raw, teamsUserId(oid), () => open.delete(raw));
  });

  return {
    closeAll: () => {
      closing = true;
      for (const raw of open.keys()) raw.end();
      open.clear();
    },
    openStreams: () => open.size,
  };
}

function stream(
  deps: TabEventsDeps,
  limits: StreamLimits,
  raw: ServerResponse,
  user: TeamsUserId,
  gone: () => void,
) {
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  raw.write('retry: 5000\n\n');
  let last = '';
  const clock = deps.sync.clock;
  let lastWrite = clock.now();
  let stopTimer = () => undefined as void;
  let closed = false;
  const tick = async () => {
    try {
      const now = await snapshot(deps, user);
      if (closed) return;
      if (now.version !== last) {
        last = now.version;
        raw.write(`event: status\ndata: ${now.data}\n\n`);
        lastWrite = clock.now();
      } else if (clock.now() - lastWrite >= limits.heartbeatMs) {
        raw.write(': heartbeat\n\n');
        lastWrite = clock.now();
      }
    } catch (error) {
      deps.sync.logger.warn({ err: String(error) }, 'tab events: status check failed; trying again');
    }
    if (!closed) stopTimer = deps.sync.clock.setTimer(limits.checkMs, () => void tick());
  };
  raw.once('close', () => {
    closed = true;
    stopTimer();
    gone();
  });
  void tick();
}
