// Teams tab SSO: the bearer token from `authentication.getAuthToken()` is an Entra access token for our app.
// Checked here: RS256 signature against the authority's JWKS, issuer bound to the token's own tenant, our
// client id as audience, the `access_as_user` scope, exp/nbf, and (when configured) the one allowed tenant.
// The identity comes from the token only; nothing the client says about itself is trusted.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Response } from 'restify';
import { CodedError } from '../../src/domain/errors';
import { sendError } from './http-errors';

export interface SsoSettings {
  /** https://login.microsoftonline.com, or the Graph emulator's origin in local mode. */
  readonly authorityHost: string;
  /** The Entra app the tab's token is issued for (manifest webApplicationInfo.id). */
  readonly clientId: string;
  /** When set (a GUID), only users of this tenant get in; null, `common` or `organizations`: any tenant. */
  readonly tenantId: string | null;
}

export interface SsoUser {
  readonly oid: string;
  readonly tid: string;
  readonly name: string | null;
  readonly upn: string | null;
  /** App roles (`roles`) and group object ids (`groups`) the token carries, for admin checks. */
  readonly roles: readonly string[];
  readonly groups: readonly string[];
}

export type SsoFailure = {
  readonly ok: false;
  readonly status: 401 | 503;
  readonly code: string;
  readonly message: string;
};
export type SsoResult = { readonly ok: true; readonly user: SsoUser } | SsoFailure;

/** Verifies an Authorization header value. */
export type SsoVerifier = (authorization: string | undefined) => Promise<SsoResult>;

const SCOPE = 'access_as_user';
const CLOCK_TOLERANCE_SECONDS = 60;
/** v1 tokens (accessTokenAcceptedVersion 1) come from the public cloud's v1 issuer whatever the host. */
const V1_ISSUER_HOST = 'https://sts.windows.net';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const reject = (code: string, message: string): SsoFailure => ({ ok: false, status: 401, code, message });
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const escapeRegExp = (value: string): string => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The claims checks jose cannot express: issuer per tenant, v1/v2 audience forms, scope, tenant isolation. */
export function checkClaims(payload: JWTPayload, settings: SsoSettings): SsoResult {
  const tid = text(payload.tid);
  const oid = text(payload.oid);
  if (!tid || !GUID.test(tid) || !oid) return reject('invalid_token', 'The token has no tenant or user id');
  const authority = settings.authorityHost.replace(/\/+$/, '');
  const v1Audience = new RegExp(`^api://[^/\\s]+/${escapeRegExp(settings.clientId)}$`, 'i');
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  const v2 = payload.iss === `${authority}/${tid}/v2.0` && audiences.includes(settings.clientId);
  const v1 = payload.iss === `${V1_ISSUER_HOST}/${tid}/` && audiences.some((a) => v1Audience.test(a));
  if (!v2 && !v1) {
    return reject(
      'invalid_token',
      'The token was not issued for this app by its tenant (issuer or audience)',
    );
  }
  const scopes = (text(payload.scp) ?? '').split(' ');
  if (!scopes.includes(SCOPE)) return reject('insufficient_scope', `The token lacks the ${SCOPE} scope`);
  if (settings.tenantId && tid.toLowerCase() !== settings.tenantId.toLowerCase()) {
    return reject('tenant_not_allowed', 'Users of this tenant cannot use this Switchboard');
  }
  const name = text(payload.name);
  const upn = text(payload.upn) ?? text(payload.preferred_username) ?? text(payload.unique_name);
  const claims = { roles: strings(payload.roles), groups: strings(payload.groups) };
  return { ok: true, user: { oid: oid.toLowerCase(), tid: tid.toLowerCase(), name, upn, ...claims } };
}

/** A broken token is the caller's problem (401); an unreachable key set is ours (503). */
function classify(error: unknown): SsoFailure {
  if (error instanceof errors.JWTExpired) return reject('token_expired', 'The token has expired');
  const ours =
    !(error instanceof errors.JOSEError) ||
    error instanceof errors.JWKSTimeout ||
    error instanceof errors.JWKSInvalid ||
    error.code === 'ERR_JOSE_GENERIC';
  if (ours) {
    const message = 'The identity provider cannot be reached to check the token; try again shortly';
    return { ok: false, status: 503, code: 'identity_provider_unavailable', message };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return reject('invalid_token', `The token's ${error.claim} claim is not acceptable`);
  }
  return reject('invalid_token', 'The token is malformed or its signature does not verify');
}

/** The tenant to isolate, as the GUID tokens carry in `tid`; a domain name cannot be compared, so it stops start-up. */
function allowedTenant(tenantId: string | null): string | null {
  if (!tenantId || /^(common|organizations)$/i.test(tenantId)) return null;
  if (!GUID.test(tenantId)) {
    throw new CodedError('invalid_config', `Tab SSO needs the tenant id as a GUID, not "${tenantId}"`);
  }
  return tenantId;
}

/** Throws CodedError('invalid_config') when the tenant is neither a GUID nor common/organizations. */
export function createSsoVerifier(settings: SsoSettings, now: () => number = Date.now): SsoVerifier {
  const checked = { ...settings, tenantId: allowedTenant(settings.tenantId) };
  const authority = settings.authorityHost.replace(/\/+$/, '');
  const keys = createRemoteJWKSet(new URL(`${authority}/common/discovery/v2.0/keys`));
  return async (authorization) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
    if (!token)
      return reject('token_missing', 'An Authorization: Bearer <Teams SSO token> header is required');
    try {
      const { payload } = await jwtVerify(token, keys, {
        algorithms: ['RS256'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
        requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
      });
      return checkClaims(payload, checked);
    } catch (error) {
      return classify(error);
    }
  };
}

/** The contract's error body, with the RFC 6750 challenge (which knows two error codes) on 401s. */
export function sendSsoFailure(res: Response, failure: SsoFailure): void {
  if (failure.status === 401) {
    const rfc = failure.code === 'insufficient_scope' ? 'insufficient_scope' : 'invalid_token';
    res.header('WWW-Authenticate', failure.code === 'token_missing' ? 'Bearer' : `Bearer error="${rfc}"`);
  }
  sendError(res, failure.status, failure.code, failure.message);
}
