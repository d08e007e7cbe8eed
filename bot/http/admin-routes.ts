// Admin API (docs/openapi.yaml): links, agent status, mapping. Handlers validate, call the core, answer.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { CodedError } from '../../src/domain/errors';
import { agentId as toAgentId, teamsUserId } from '../../src/domain/ids';
import { parseProfile, profileToDocument } from '../../src/domain/profile-schema';
import type { ActiveProfile } from '../../src/sync/active-profile';
import { linkAgent, unlinkAgent } from '../../src/sync/link-service';
import type { SyncDeps } from '../../src/sync/sync-deps';
import type { SyncEngine } from '../../src/sync/sync-engine';
import { agentStatus } from '../../src/sync/agent-status';
import { requireAdminKey } from './admin-auth';
import type { AdminSurface } from './admin-surfaces';
import { echo, sendError } from './http-errors';
import { pathId } from './path-id';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';

export interface AdminDeps {
  readonly sync: SyncDeps;
  readonly engine: SyncEngine;
  readonly profile: ActiveProfile;
  readonly adminApiKey: string | null;
  /** Persists a mapping document so it survives restarts. */
  readonly saveMapping: (document: unknown) => Promise<void>;
  /** Links were added or removed (presence subscriptions follow them). */
  readonly linksChanged: () => void;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const linkBody = z.object({
  teamsUserId: z.string().regex(GUID, 'must be an Entra object id (GUID)'),
  upn: z.string().email().optional(),
});
const MAX_ADMIN_BODY = 256 * 1024;

function jsonBody(req: Request, res: Response): unknown {
  if (!isJson(req))
    return sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
  const json = parseJson(rawBody(req));
  if (json === undefined) sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
  return json;
}

function sendCoded(res: Response, error: unknown, status: number): void {
  if (!(error instanceof CodedError)) throw error;
  sendError(res, status, error.code, error.message, error.details);
}

/** Mounts the admin API on each surface: scripts' /api/admin (the key) and, given, the tab's /api/tab/admin. */
export function mountAdmin(server: Server, deps: AdminDeps, surfaces?: readonly AdminSurface[]): void {
  const keyOnly = [{ prefix: '/api/admin', guards: [requireAdminKey(deps.adminApiKey)] }];
  for (const surface of surfaces ?? keyOnly) mountAdminSurface(server, deps, surface);
}

function mountAdminSurface(server: Server, deps: AdminDeps, { prefix, guards }: AdminSurface): void {
  const auth = [...guards];
  const body = readRawBody(MAX_ADMIN_BODY);

  server.get(`${prefix}/links`, auth, async (_req: Request, res: Response) => {
    res.send(200, { links: await deps.sync.store.listLinks() });
  });

  server.put(`${prefix}/links/:agentId`, auth, body, async (req: Request, res: Response) => {
    const id = pathId(req, res, 'agentId');
    if (id === null) return;
    const json = jsonBody(req, res);
    if (json === undefined) return;
    const parsed = linkBody.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      return sendError(
        res,
        400,
        'invalid_link',
        'Body must be {"teamsUserId": "<Entra object id>", "upn"?}',
        details,
      );
    }
    const link = {
      agentId: toAgentId(id),
      teamsUserId: teamsUserId(parsed.data.teamsUserId.toLowerCase()),
      ...(parsed.data.upn ? { upn: parsed.data.upn } : {}),
      createdAt: new Date(deps.sync.clock.now()).toISOString(),
    };
    try {
      const outcome = await linkAgent(deps.sync, deps.engine, link);
      deps.linksChanged();
      res.send(outcome === 'created' ? 201 : 200, link);
    } catch (error) {
      sendCoded(res, error, 409);
    }
  });

  server.del(`${prefix}/links/:agentId`, auth, async (req: Request, res: Response) => {
    const id = pathId(req, res, 'agentId');
    if (id === null) return;
    const removed = await unlinkAgent(deps.sync, deps.engine, id);
    if (!removed) return sendError(res, 404, 'link_not_found', `Agent ${echo(id)} is not linked`);
    res.send(204);
  });

  server.get(`${prefix}/agents/:agentId/status`, auth, async (req: Request, res: Response) => {
    const id = pathId(req, res, 'agentId');
    if (id === null) return;
    const status = await agentStatus(deps.sync, toAgentId(id));
    if (!status) return sendError(res, 404, 'agent_not_found', `No agent ${echo(id)} is known`);
    res.send(200, status);
  });

  server.get(`${prefix}/mapping`, auth, async (_req: Request, res: Response) => {
    res.send(200, profileToDocument(deps.profile.get()));
  });

  server.put(`${prefix}/mapping`, auth, body, async (req: Request, res: Response) => {
    const json = jsonBody(req, res);
    if (json === undefined) return;
    try {
      const profile = parseProfile(json);
      await deps.saveMapping(profileToDocument(profile));
      deps.profile.set(profile);
      for (const agent of await deps.sync.store.listLinks()) deps.engine.kick(agent.agentId);
      res.send(200, profileToDocument(profile));
    } catch (error) {
      sendCoded(res, error, 400);
    }
  });
}
