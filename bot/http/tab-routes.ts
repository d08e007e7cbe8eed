// The personal Teams tab (docs/openapi.yaml): its page and assets under /tab/, its API under /api/tab/
// behind Teams SSO. The agent shown is the one linked to the token's user (oid), never one the client names.
import { existsSync } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import type { LinkState } from '../../src/identity/self-service';
import { agentStatus } from '../../src/sync/agent-status';
import type { SyncDeps } from '../../src/sync/sync-deps';
import { echo, sendError } from './http-errors';
import { createSsoVerifier, sendSsoFailure, type SsoSettings, type SsoVerifier } from './sso-auth';

export interface TabDeps {
  readonly sync: SyncDeps;
  readonly sso: SsoSettings;
  /** The built tab (scripts/build-tab.mjs): index.html and its assets. */
  readonly distDir: string;
  /** My link state including a pending request (src/identity); without it only linked/none is known. */
  readonly linkState?: (user: TeamsUserId) => Promise<LinkState>;
}

export type AgentStatusView = NonNullable<Awaited<ReturnType<typeof agentStatus>>>;

/** GET /api/tab/me: who the token says you are, and your agent's status when you are linked. */
export interface TabMe {
  readonly user: { readonly oid: string; readonly name: string | null; readonly upn: string | null };
  readonly agent: AgentStatusView | null;
  readonly link: {
    readonly state: LinkState['state'];
    readonly agentId?: string;
    readonly expiresAt?: string;
  };
}

const TAB_API_METHODS = ['get', 'post', 'put', 'patch', 'del'] as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};
/**
 * Only Teams, Outlook and the Microsoft 365 app may frame the tab (learn.microsoft.com, "Tab requirements":
 * the frame-ancestors hosts); everything the page loads comes from this origin. Fluent UI and index.html
 * inject <style> elements, hence 'unsafe-inline' for styles only.
 */
export const TAB_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
] as const;
export const TAB_CSP = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  `frame-ancestors ${TAB_FRAME_ANCESTORS.join(' ')}`,
].join('; ');

/** build-tab.mjs names assets main-<HASH>.js, so they never change under the same name. */
const HASHED_ASSET = /-[A-Z0-9]{8,}\.[a-z0-9]+$/;

async function me(deps: TabDeps, verify: SsoVerifier, req: Request, res: Response): Promise<void> {
  const auth = await verify(req.header('authorization'));
  if (!auth.ok) return sendSsoFailure(res, auth);
  const { oid, name, upn } = auth.user;
  const link = await deps.sync.store.getLinkByTeamsUser(teamsUserId(oid));
  const state: LinkState = deps.linkState
    ? await deps.linkState(teamsUserId(oid))
    : link
      ? { state: 'linked', agentId: link.agentId }
      : { state: 'none' };
  const body: TabMe = {
    user: { oid, name, upn },
    agent: link ? await agentStatus(deps.sync, link.agentId) : null,
    link: state,
  };
  res.header('Cache-Control', 'no-store');
  res.send(200, body);
}

/** The file under root that a request path names, or null: no `..`, no dot files, no absolute paths. */
export async function resolveTabFile(root: string, requested: string): Promise<string | null> {
  if (requested.includes('\0')) return null;
  const segments = requested.split(/[\\/]/).filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  const realRoot = await realpath(root).catch(() => null);
  if (!realRoot) return null;
  const file = await realpath(resolve(realRoot, ...(segments.length ? segments : ['index.html']))).catch(
    () => null,
  );
  if (!file || !file.startsWith(realRoot + sep)) return null;
  return (await stat(file)).isFile() ? file : null;
}

function staticHandler(distDir: string) {
  return async (req: Request, res: Response): Promise<void> => {
    const requested = String(req.params['*'] ?? '');
    const file = await resolveTabFile(distDir, requested);
    res.header('Content-Security-Policy', TAB_CSP);
    if (!file) {
      const built = await resolveTabFile(distDir, 'index.html');
      if (!built)
        return sendError(res, 404, 'tab_not_built', 'The tab is not built: run node scripts/build-tab.mjs');
      return sendError(res, 404, 'not_found', `No ${echo(req.getPath())} in the tab`);
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(body.length),
      'Cache-Control': HASHED_ASSET.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': TAB_CSP,
    });
    res.end(body);
  };
}

/** Throws CodedError('invalid_config') for a tenant id that is not a GUID (see createSsoVerifier). */
export function mountTab(server: Server, deps: TabDeps): void {
  const verify = createSsoVerifier(deps.sso, () => deps.sync.clock.now());
  if (!existsSync(join(deps.distDir, 'index.html'))) {
    deps.sync.logger.warn({ distDir: deps.distDir }, 'tab: not built yet; run node scripts/build-tab.mjs');
  }
  server.get('/api/tab/me', async (req: Request, res: Response) => me(deps, verify, req, res));
  // Any other /api/tab/ route still demands the token first, so the API never answers anonymously.
  for (const method of TAB_API_METHODS) {
    server[method]('/api/tab/*', async (req: Request, res: Response) => {
      const auth = await verify(req.header('authorization'));
      if (!auth.ok) return sendSsoFailure(res, auth);
      sendError(res, 404, 'not_found', `${echo(req.getPath())} does not exist`);
    });
  }
  server.get('/tab', (_req: Request, res: Response, next: () => void) => {
    res.writeHead(301, { Location: '/tab/', 'Content-Length': '0', 'Content-Security-Policy': TAB_CSP });
    res.end();
    next();
  });
  const serve = staticHandler(deps.distDir);
  server.get('/tab/*', serve);
  server.head('/tab/*', serve);
}
