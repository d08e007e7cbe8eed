// Admin API for sync accounts (the delegated Entra users whose presence subscriptions watch the linked
// users): PUT registers or re-keys one by its refresh token, GET lists them (never a token), DELETE removes
// one after deleting its subscription.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../src/ports/logger.port';
import type { SubscriptionManager } from '../../src/subscriptions/subscription-manager';
import { requireAdminKey } from './admin-auth';
import { echo, sendError } from './http-errors';
import { pathId } from './path-id';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';

export interface SyncAccountsDeps {
  readonly manager: Pick<SubscriptionManager, 'addAccount' | 'removeAccount' | 'listAccounts' | 'summary'>;
  readonly adminApiKey: string | null;
  readonly logger: Logger;
}

const accountBody = z.object({
  refreshToken: z.string().min(1).max(16_384),
  userPrincipalName: z.string().min(3).max(256).optional(),
});

function readBody(req: Request, res: Response): z.infer<typeof accountBody> | undefined {
  if (!isJson(req)) {
    sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
    return undefined;
  }
  const json = parseJson(rawBody(req));
  if (json === undefined) {
    sendError(res, 400, 'invalid_json', 'Body is not valid JSON (UTF-8)');
    return undefined;
  }
  const parsed = accountBody.safeParse(json);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  sendError(
    res,
    400,
    'invalid_sync_account',
    'Body must be {"refreshToken": "…", "userPrincipalName"?}',
    details,
  );
  return undefined;
}

export function mountSyncAccounts(server: Server, deps: SyncAccountsDeps): void {
  const auth = requireAdminKey(deps.adminApiKey);

  server.get('/api/admin/sync-accounts', auth, async (_req: Request, res: Response) => {
    res.send(200, { accounts: deps.manager.listAccounts(), ...deps.manager.summary() });
  });

  server.put(
    '/api/admin/sync-accounts/:name',
    auth,
    readRawBody(64 * 1024),
    async (req: Request, res: Response) => {
      const name = pathId(req, res, 'name');
      if (name === null) return;
      const body = readBody(req, res);
      if (!body) return;
      const input = {
        name,
        refreshToken: body.refreshToken,
        userPrincipalName: body.userPrincipalName ?? null,
      };
      try {
        const result = await deps.manager.addAccount(input);
        if (!result.ok) return sendError(res, 400, result.code, result.message);
        res.send(result.created ? 201 : 200, result.account);
      } catch (error) {
        deps.logger.error({ account: input.name, err: String(error) }, 'could not store a sync account');
        // The refresh token may already have been redeemed (and so rotated): a new one is needed.
        sendError(
          res,
          503,
          'store_unavailable',
          'The sync account could not be stored; register it again with a new refresh token',
        );
      }
    },
  );

  server.del('/api/admin/sync-accounts/:name', auth, async (req: Request, res: Response) => {
    const name = pathId(req, res, 'name');
    if (name === null) return;
    let removed: boolean;
    try {
      removed = await deps.manager.removeAccount(name);
    } catch (error) {
      deps.logger.error({ account: name, err: String(error) }, 'could not remove a sync account');
      return sendError(res, 503, 'store_unavailable', 'The sync account could not be removed; retry later');
    }
    if (!removed) return sendError(res, 404, 'not_found', `No sync account named "${echo(name)}"`);
    res.send(204);
  });
}
