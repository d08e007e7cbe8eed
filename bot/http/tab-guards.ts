// Guards for the tab's API routes: a Teams SSO token (sso-auth.ts) first, before any body is read; for the
// admin console also the admin role: the Entra app role Switchboard.Admin in `roles`, or the configured
// ADMIN_GROUP_ID in `groups`.
import type { Next, Request, Response } from 'restify';
import { sendError } from './http-errors';
import { sendSsoFailure, type SsoUser, type SsoVerifier } from './sso-auth';

export const ADMIN_ROLE = 'Switchboard.Admin';

const USER = Symbol('tab user');
type WithUser = Request & { [USER]?: SsoUser };

/** The user the guard verified; only call in a handler behind requireTabUser. */
export function tabUser(req: Request): SsoUser {
  const user = (req as WithUser)[USER];
  if (!user) throw new Error('tabUser() called on a route without requireTabUser');
  return user;
}

export function requireTabUser(verify: SsoVerifier) {
  return (req: Request, res: Response, next: Next): void => {
    verify(req.header('authorization')).then(
      (auth) => {
        if (!auth.ok) {
          sendSsoFailure(res, auth);
          return next(false);
        }
        (req as WithUser)[USER] = auth.user;
        next();
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };
}

export function isAdmin(user: SsoUser, adminGroupId: string | null): boolean {
  if (user.roles.includes(ADMIN_ROLE)) return true;
  const group = adminGroupId?.toLowerCase();
  return group !== undefined && user.groups.some((g) => g.toLowerCase() === group);
}

/** After requireTabUser: 403 not_admin unless the user holds the admin role or group. */
export function requireTabAdmin(adminGroupId: string | null) {
  return (req: Request, res: Response, next: Next): void => {
    if (isAdmin(tabUser(req), adminGroupId)) return next();
    const how = adminGroupId ? `the ${ADMIN_ROLE} app role or the admin group` : `the ${ADMIN_ROLE} app role`;
    sendError(res, 403, 'not_admin', `The admin console needs ${how}.`);
    next(false);
  };
}
