// POST {admin}/links/import (text/csv, ?dryRun=true, ?planId=), GET {admin}/links/export (CSV) and
// GET {admin}/links/conflicts, on both admin surfaces (admin-surfaces.ts). A dry run changes nothing; an apply
// commits exactly its plan or nothing.
import type { Request, Response, Server } from 'restify';
import { CodedError } from '../../src/domain/errors';
import type { IdentityDeps } from '../../src/identity/identity-deps';
import { applyImport, planImport, type ImportPlan } from '../../src/identity/import-plan';
import { linksCsv, parseLinksCsv } from './admin-import-csv';
import type { AdminSurface } from './admin-surfaces';
import { sendError } from './http-errors';
import { rawBody, readRawBody } from './raw-body';

/** 5,000 rows of a 256-character agent id and a UPN fit comfortably. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;
const CONFLICTS_SHOWN = 500;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function csvText(req: Request, res: Response): string | null {
  if (!/^text\/csv\b/i.test(req.header('content-type') ?? '')) {
    sendError(res, 415, 'unsupported_media_type', 'Content-Type must be text/csv');
    return null;
  }
  try {
    return utf8.decode(rawBody(req));
  } catch {
    sendError(res, 400, 'invalid_csv', 'The file is not UTF-8 text');
    return null;
  }
}

async function plan(deps: IdentityDeps, res: Response, text: string): Promise<ImportPlan | null> {
  const parsed = parseLinksCsv(text);
  if (!parsed.ok) {
    sendError(res, 400, parsed.code, parsed.message, parsed.details);
    return null;
  }
  try {
    return await planImport(deps, parsed.rows);
  } catch (error) {
    deps.logger.warn({ err: String(error) }, 'links import: directory unavailable');
    sendError(res, 503, 'directory_unavailable', 'The Teams directory cannot be read now; try again shortly');
    return null;
  }
}

async function importLinks(deps: IdentityDeps, req: Request, res: Response): Promise<void> {
  const query = new URL(req.url ?? '/', 'http://query.invalid').searchParams;
  const dryRun = query.get('dryRun') ?? undefined;
  if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') {
    return sendError(res, 400, 'invalid_query', 'dryRun must be true or false');
  }
  const text = csvText(req, res);
  if (text === null) return;
  const result = await plan(deps, res, text);
  if (!result) return;
  if (dryRun === 'true') {
    res.send(200, { dryRun: true, ...result });
    return;
  }
  const expected = query.get('planId');
  if (expected !== null && expected !== result.planId) {
    const message = 'The links changed since that dry run; run it again and review the new plan';
    return sendError(res, 409, 'plan_changed', message, { planId: result.planId });
  }
  try {
    await applyImport(deps, result);
  } catch (error) {
    if (!(error instanceof CodedError) || !['links_changed', 'link_conflict'].includes(error.code))
      throw error;
    return sendError(res, 409, 'plan_changed', `${error.message} Nothing was changed.`);
  }
  res.send(200, { dryRun: false, ...result });
}

export function mountAdminImport(
  server: Server,
  surfaces: readonly AdminSurface[],
  deps: IdentityDeps,
): void {
  const read = readRawBody(MAX_IMPORT_BYTES);
  for (const { prefix, guards } of surfaces) {
    server.post(`${prefix}/links/import`, ...guards, read, async (req: Request, res: Response) =>
      importLinks(deps, req, res),
    );
    server.get(`${prefix}/links/export`, ...guards, async (_req: Request, res: Response) => {
      const body = linksCsv(await deps.store.listLinks());
      res.writeHead(200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="switchboard-links.csv"',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    });
    server.get(`${prefix}/links/conflicts`, ...guards, async (_req: Request, res: Response) => {
      res.send(200, { conflicts: await deps.identity.listConflicts(CONFLICTS_SHOWN) });
    });
  }
}
