// Self-service linking from the tab (docs/openapi.yaml): POST /api/tab/link {agentId} → 202 {expiresAt} and a
// code to the agent's workspace; POST /api/tab/link/confirm {code} → 200 {agentId}; DELETE /api/tab/link → 204.
// The Teams user is always the token's, never one the client names.
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { agentId as toAgentId, idSchema, teamsUserId } from '../../src/domain/ids';
import type { IdentityDeps, Refusal } from '../../src/identity/identity-deps';
import { confirmLink, requestLink, unlinkMe, type TabUser } from '../../src/identity/self-service';
import type { AgentId } from '../../src/domain/ids';
import { sendError } from './http-errors';
import { isJson, parseJson, rawBody, readRawBody } from './raw-body';
import type { SsoUser, SsoVerifier } from './sso-auth';
import { requireTabUser, tabUser } from './tab-guards';

export interface TabLinkDeps {
  readonly identity: IdentityDeps;
  /** Removes an agent's link (clearing our Teams session first): link-service unlinkAgent. */
  readonly unlink: (agentId: AgentId) => Promise<boolean>;
  readonly verify: SsoVerifier;
}

const MAX_BODY = 4096;

/** The HTTP status of each refusal the identity core gives. */
export const REFUSAL_STATUS: Readonly<Record<string, number>> = {
  link_conflict: 409,
  agent_not_found: 404,
  no_pending_link: 404,
  too_many_requests: 429,
  invalid_code: 400,
  code_expired: 410,
  too_many_attempts: 429,
};

export function sendRefusal(res: Response, refusal: Refusal): void {
  sendError(res, REFUSAL_STATUS[refusal.code] ?? 400, refusal.code, refusal.message, refusal.details);
}

const asTabUser = (user: SsoUser): TabUser => ({ teamsUserId: teamsUserId(user.oid), upn: user.upn });

/** The JSON body parsed by `schema`, or undefined after answering 415/400 with `code`. */
function body<T>(
  req: Request,
  res: Response,
  schema: z.ZodType<T>,
  code: string,
  shape: string,
): T | undefined {
  if (!isJson(req)) {
    sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
    return undefined;
  }
  const parsed = schema.safeParse(parseJson(rawBody(req)));
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  sendError(res, 400, code, `Body must be ${shape}`, details);
  return undefined;
}

const requestBody = z.object({ agentId: idSchema }).strict();
const confirmBody = z.object({ code: z.string().max(64) }).strict();

export function mountTabLink(server: Server, deps: TabLinkDeps): void {
  const auth = requireTabUser(deps.verify);
  const read = readRawBody(MAX_BODY);

  server.post('/api/tab/link', auth, read, async (req: Request, res: Response) => {
    const parsed = body(req, res, requestBody, 'invalid_link_request', '{"agentId": "<your agent id>"}');
    if (!parsed) return;
    const outcome = await requestLink(deps.identity, asTabUser(tabUser(req)), toAgentId(parsed.agentId));
    if (!outcome.ok) return sendRefusal(res, outcome);
    res.send(202, { expiresAt: outcome.expiresAt });
  });

  server.post('/api/tab/link/confirm', auth, read, async (req: Request, res: Response) => {
    const parsed = body(req, res, confirmBody, 'invalid_code', '{"code": "<the 8 digits>"}');
    if (!parsed) return;
    const outcome = await confirmLink(deps.identity, asTabUser(tabUser(req)), parsed.code);
    if (!outcome.ok) return sendRefusal(res, outcome);
    res.send(200, { agentId: outcome.agentId });
  });

  server.del('/api/tab/link', auth, async (req: Request, res: Response) => {
    await unlinkMe(deps.identity, teamsUserId(tabUser(req).oid), deps.unlink);
    res.send(204);
  });
}
