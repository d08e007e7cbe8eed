// GET {admin}/health and POST {admin}/mapping/dry-run on both admin surfaces (admin-surfaces.ts). Both only
// read: the dry run parses the candidate profile and applies the sync rule to each linked agent in memory.
import type { Request, Response, Server } from 'restify';
import { CodedError } from '../../src/domain/errors';
import { parseProfile } from '../../src/domain/profile-schema';
import { mappingDryRun } from '../../src/identity/mapping-dry-run';
import { syncHealth, type HealthSources } from '../../src/identity/sync-health';
import type { AdminSurface } from './admin-surfaces';
import { sendError } from './http-errors';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';

const MAX_PROFILE_BYTES = 256 * 1024;

async function dryRun(sources: HealthSources, req: Request, res: Response): Promise<void> {
  if (!isJson(req))
    return sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
  const json = parseJson(rawBody(req));
  if (json === undefined) return sendError(res, 400, 'invalid_json', 'Body is not valid JSON');
  try {
    const profile = parseProfile(json);
    res.send(200, { profile: profile.displayName, agents: await mappingDryRun(sources, profile) });
  } catch (error) {
    if (!(error instanceof CodedError)) throw error;
    sendError(res, 400, error.code, error.message, error.details);
  }
}

export function mountAdminHealth(
  server: Server,
  surfaces: readonly AdminSurface[],
  sources: HealthSources,
): void {
  const read = readRawBody(MAX_PROFILE_BYTES);
  for (const { prefix, guards } of surfaces) {
    server.get(`${prefix}/health`, ...guards, async (_req: Request, res: Response) => {
      res.header('Cache-Control', 'no-store');
      res.send(200, await syncHealth(sources));
    });
    server.post(`${prefix}/mapping/dry-run`, ...guards, read, async (req: Request, res: Response) =>
      dryRun(sources, req, res),
    );
  }
}
