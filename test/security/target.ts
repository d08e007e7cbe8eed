// The service under attack: the real Switchboard started in-process with real-style settings (Graph, Entra
// and SSO on a loopback Graph emulator, AZURE_TENANT_ID and BOT_ID set), agent A100 linked to a Teams user
// and a sync account whose subscription covers that user, so forged notifications have something to hit.
import assert from 'node:assert/strict';
import { EMULATOR_TENANT_ID } from '../../src/adapters/graph-emulator';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { agentId } from '../../src/domain/ids';
import { freePort } from '../support/free-port';
import {
  ADMIN_KEY,
  CC_SECRET,
  eventually,
  newTeamsUserId,
  startFixture,
  type Fixture,
} from '../support/switchboard-fixture';

export const CLIENT_ID = '7d2c9e41-5b3a-4f6e-8a1d-0c9b8a7f6e5d';
export const BOT_ID = '0b9f8e7d-6c5b-4a39-8271-605f4e3d2c1b';
export const LINKED_AGENT = 'A100';

export interface Target {
  readonly f: Fixture;
  readonly url: string;
  /** The Teams user linked to A100, covered by the sync account's subscription. */
  readonly user: string;
  readonly subscriptionId: string;
  /** A valid tab SSO token for the linked user. */
  ssoToken(overrides?: Record<string, unknown>): string;
  close(): Promise<void>;
}

export interface Sent {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: any;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export async function send(t: Target, path: string, options: SendOptions = {}): Promise<Sent> {
  const response = await fetch(`${t.url}${path}`, {
    method: options.method ?? 'POST',
    headers: options.headers ?? {},
    body: typeof options.body === 'string' ? options.body : options.body && new Uint8Array(options.body),
    redirect: 'manual',
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const adminHeaders = (extra: Record<string, string> = {}): Record<string, string> => ({
  authorization: `Bearer ${ADMIN_KEY}`,
  'content-type': 'application/json',
  ...extra,
});

/** Signed as a contact center signs: HMAC over the exact bytes sent. */
export function signedHeaders(
  body: string | Buffer,
  options: { secret?: string; at?: number; contentType?: string | null } = {},
): Record<string, string> {
  const at = options.at ?? Date.now() / 1000;
  const signed = signatureHeaders(options.secret ?? CC_SECRET, body as string, at);
  const type = options.contentType === undefined ? 'application/json' : options.contentType;
  return type === null ? signed : { 'content-type': type, ...signed };
}

export async function startTarget(): Promise<Target> {
  const port = await freePort();
  const f = await startFixture({
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    AZURE_TENANT_ID: EMULATOR_TENANT_ID,
    AZURE_CLIENT_ID: CLIENT_ID,
    BOT_ID,
    BOT_PASSWORD: 'security-suite-bot-password',
    PRESENCE_POLL_SECONDS: '3600',
  });
  const user = newTeamsUserId();
  f.emulator.setClientPresence(user, { availability: 'Available', activity: 'Available' });
  assert.equal((await f.admin('PUT', `/api/admin/links/${LINKED_AGENT}`, { teamsUserId: user })).status, 201);
  const refreshToken = f.emulator.issueDelegatedRefreshToken('sync@contoso.com');
  assert.equal((await f.admin('PUT', '/api/admin/sync-accounts/sync1', { refreshToken })).status, 201);
  await eventually(
    async () => (await f.admin('GET', '/api/admin/sync-accounts')).json.accounts?.[0]?.usersCovered === 1,
    10_000,
  );
  const subscriptionId = String(
    (await f.admin('GET', '/api/admin/sync-accounts')).json.accounts[0].subscriptionId,
  );
  await f.app.engine.idle();
  return {
    f,
    url: f.app.url,
    user,
    subscriptionId,
    ssoToken: (overrides = {}) => f.emulator.issueSsoToken({ oid: user, aud: CLIENT_ID, ...overrides }),
    close: () => f.close(),
  };
}

/** Everything a bad request could have stored or changed, read back through the admin API and the store. */
export async function snapshot(t: Target): Promise<unknown> {
  await t.f.app.engine.idle();
  const { store } = t.f.app;
  const accounts = (await t.f.admin('GET', '/api/admin/sync-accounts')).json.accounts as any[];
  const status = (await t.f.admin('GET', `/api/admin/agents/${LINKED_AGENT}/status`)).json;
  return {
    links: (await t.f.admin('GET', '/api/admin/links')).json,
    mapping: (await t.f.admin('GET', '/api/admin/mapping')).json,
    accounts: accounts.map((a) => ({ name: a.name, subscriptionId: a.subscriptionId })),
    agents: (await store.listAgents()).map((a) => a.agentId).sort(),
    pending: (await store.agentsWithPendingEvents()).sort(),
    status: { ccState: status.ccState, teams: status.teams, decisions: status.recentDecisions?.length },
    outbound: (await store.outboundFor(agentId(LINKED_AGENT))).length,
    presence: t.f.emulator.presenceOf(t.user),
  };
}
