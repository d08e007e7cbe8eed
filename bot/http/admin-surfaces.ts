// The admin API is served twice: to scripts under /api/admin/ (ADMIN_API_KEY) and to the tab's admin console
// under /api/tab/admin/ (a Teams SSO token with the admin role or group). Routes are mounted once per surface.
import type { RequestHandler } from 'restify';
import { requireAdminKey } from './admin-auth';
import type { SsoVerifier } from './sso-auth';
import { requireTabAdmin, requireTabUser } from './tab-guards';

export interface AdminSurface {
  /** '/api/admin' or '/api/tab/admin'. */
  readonly prefix: string;
  /** Run before the body is read. */
  readonly guards: readonly RequestHandler[];
}

export function adminSurfaces(settings: {
  adminApiKey: string | null;
  verify: SsoVerifier;
  adminGroupId: string | null;
}): AdminSurface[] {
  return [
    { prefix: '/api/admin', guards: [requireAdminKey(settings.adminApiKey)] },
    {
      prefix: '/api/tab/admin',
      guards: [requireTabUser(settings.verify), requireTabAdmin(settings.adminGroupId)],
    },
  ];
}
