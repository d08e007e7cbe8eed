// The emulator's identity-provider routes for Teams tab SSO, in front of the Graph pipeline:
//   GET  /{tenant}/discovery[/v2.0]/keys the JWKS (any tenant, `common` included, as Entra serves one key set)
//   POST /_emulator/sso-token            {oid, aud, tid?, name?, upn?, scp?, expiresInSeconds?} → {token}
// Everything else goes on to the Graph emulator's own listener.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fail, ok, parseJson, readBody, writeReply } from './http-kit';
import { parseSsoTokenRequest, type SsoIssuer } from './sso-issuer';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

// v2 and v1 paths: Graph's validationTokens are v1 tokens, whose keys Entra lists at /common/discovery/keys.
const JWKS_PATH = /^\/[^/]+\/discovery\/(?:v2\.0\/)?keys\/?$/i;
const TOKEN_PATH = /^\/_emulator\/sso-token\/?$/i;

async function issueFromBody(req: IncomingMessage, res: ServerResponse, sso: SsoIssuer, origin: string) {
  const raw = await readBody(req);
  if (raw === 'too_large') return writeReply(res, fail(413, 'payload_too_large', 'The body is too large.'));
  const request = parseSsoTokenRequest(parseJson(raw));
  if (typeof request === 'string') return writeReply(res, fail(400, 'invalid_request', request));
  writeReply(res, ok({ token: sso.issue(origin, request), token_type: 'Bearer' }, 201));
}

export function withSsoRoutes(sso: SsoIssuer, origin: () => string, next: Listener): Listener {
  return (req, res) => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && JWKS_PATH.test(path)) {
      return writeReply(res, { status: 200, json: sso.jwks(), headers: { 'cache-control': 'max-age=3600' } });
    }
    if (method === 'POST' && TOKEN_PATH.test(path)) {
      issueFromBody(req, res, sso, origin()).catch(() => {
        if (!res.headersSent) writeReply(res, fail(500, 'internal_error', 'Could not issue the token.'));
        else res.destroy();
      });
      return;
    }
    next(req, res);
  };
}
