// Local preview of the tab (issue 9 item 4). In local mode only, opened outside Teams, the tab asks
//   GET  /api/tab/config          → {mode: "local", emulator, users: [{oid, name, upn}]}
//   POST /api/tab/config/sign-in  {oid, admin?} → {token}: an SSO token the emulator issued for one of those users
// and then calls /api/tab/* with that token, through the same SSO verification as inside Teams. With real
// Azure settings neither route exists (404 not_found), so production never hands out a token.
import type { Request, Response, Server } from 'restify';
import type { GraphEmulator } from '../../src/adapters/graph-emulator';
import type { Store } from '../../src/ports/store.port';
import type { UserDirectory } from '../../src/ports/user-directory.port';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';
import { sendError } from './http-errors';
import { ADMIN_ROLE } from './tab-guards';

export interface LocalUser {
  readonly oid: string;
  readonly name: string;
  readonly upn: string;
}

export interface LocalTabConfig {
  /** The emulator's origin, shown so a newcomer knows who signs them in. */
  readonly emulatorOrigin: string;
  /** The people one may sign in as: the emulator's users. */
  users(): Promise<readonly LocalUser[]>;
  /** An SSO token for the tab's audience, issued by the emulator (the same issuer and keys Teams would use). */
  issueToken(user: LocalUser, admin: boolean): string;
}

const SIGN_IN_LIMIT_BYTES = 4096;

/** Offered only when the emulator's directory is empty and nobody is linked, so there is always someone. */
export const LOCAL_DEMO_USERS: readonly LocalUser[] = [
  { oid: '7d0c1e9a-3b4f-4a11-9c2e-5f6a7b8c9d01', name: 'Avery Agent', upn: 'avery@contoso.example' },
  { oid: '7d0c1e9a-3b4f-4a11-9c2e-5f6a7b8c9d02', name: 'Blake Admin', upn: 'blake@contoso.example' },
  { oid: '7d0c1e9a-3b4f-4a11-9c2e-5f6a7b8c9d03', name: 'Casey Newcomer', upn: 'casey@contoso.example' },
];

const OFFERED = 25;

async function directoryUsers(users: UserDirectory | null): Promise<LocalUser[]> {
  if (!users) return [];
  const page = await users.listUsers().catch(() => ({ users: [] }));
  return page.users
    .slice(0, OFFERED)
    .map((u) => ({ oid: String(u.id), name: u.displayName, upn: u.userPrincipalName }));
}

/** The emulator's users (first page) plus every linked Teams user the store knows, each once. */
export function localTabConfig(
  emulator: GraphEmulator,
  store: Store,
  clientId: string,
  directory: UserDirectory | null = null,
): LocalTabConfig {
  return {
    emulatorOrigin: emulator.origin,
    async users() {
      const listed = await directoryUsers(directory);
      const linked = (await store.listLinks()).map((l) => ({
        oid: String(l.teamsUserId),
        name: l.upn ?? `Teams user ${String(l.teamsUserId).slice(0, 8)}`,
        upn: l.upn ?? '',
      }));
      const seen = new Set<string>();
      const offered = [...listed, ...linked].filter((u) => !seen.has(u.oid) && seen.add(u.oid));
      return offered.length > 0 ? offered : LOCAL_DEMO_USERS;
    },
    // "As an administrator" adds the app role the tab's admin routes check (bot/http/tab-guards.ts).
    issueToken: (user, admin) =>
      emulator.issueSsoToken({
        oid: user.oid,
        aud: clientId,
        name: user.name,
        upn: user.upn,
        ...(admin ? { roles: [ADMIN_ROLE] } : {}),
      }),
  };
}

async function signIn(local: LocalTabConfig, req: Request, res: Response): Promise<void> {
  if (!isJson(req)) return sendError(res, 415, 'unsupported_media_type', 'Send application/json.');
  const body = parseJson(rawBody(req)) as { oid?: unknown; admin?: unknown } | undefined;
  const oid = typeof body === 'object' && body !== null ? body.oid : undefined;
  const admin = typeof body === 'object' && body !== null ? (body.admin ?? false) : false;
  if (typeof oid !== 'string' || typeof admin !== 'boolean') {
    return sendError(res, 400, 'invalid_request', 'Send {"oid": "<user id>", "admin"?: true|false}.');
  }
  const user = (await local.users()).find((u) => u.oid === oid);
  if (!user) return sendError(res, 404, 'unknown_user', 'The emulator has no user with that id.');
  res.header('Cache-Control', 'no-store');
  res.send(200, { token: local.issueToken(user, admin), user, admin });
}

/** Mount before mountTab, whose /api/tab/* catch-all demands a token. Null = not local mode. */
export function mountTabConfig(server: Server, local: LocalTabConfig | null): void {
  server.get('/api/tab/config', async (_req: Request, res: Response) => {
    if (!local) return sendError(res, 404, 'not_found', 'The tab config exists only in local mode.');
    res.header('Cache-Control', 'no-store');
    res.send(200, { mode: 'local', emulator: local.emulatorOrigin, users: await local.users() });
  });
  server.post(
    '/api/tab/config/sign-in',
    readRawBody(SIGN_IN_LIMIT_BYTES),
    async (req: Request, res: Response) => {
      if (!local) return sendError(res, 404, 'not_found', 'Local sign-in exists only in local mode.');
      await signIn(local, req, res);
    },
  );
}
