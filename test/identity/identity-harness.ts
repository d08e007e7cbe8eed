// The real Switchboard (bot/app.ts) on the Graph emulator with real-style settings: AZURE_TENANT_ID and
// AZURE_CLIENT_ID set (the tab's SSO audience), a contact center receiving outbound posts, and the emulator's
// SSO issuer and users. Offers tab calls with tokens, admin calls and signed contact-center events.
import { randomUUID } from 'node:crypto';
import { EMULATOR_TENANT_ID, type SsoTokenRequest } from '../../src/adapters/graph-emulator';
import { systemClock, type Clock } from '../../src/ports/clock.port';
import { startReceiver, type Receiver } from '../outbound/receiver';
import { CC_SECRET, eventually, startFixture, type Fixture } from '../support/switchboard-fixture';

export const TAB_CLIENT_ID = '7d2f4e1a-3b5c-4d6e-8f90-a1b2c3d4e5f6';
export const ADMIN_GROUP = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: any;
}

export interface IdentityHarness {
  readonly fixture: Fixture;
  readonly cc: Receiver;
  token(oid: string, overrides?: Partial<SsoTokenRequest>): string;
  adminToken(oid?: string): string;
  tab(method: string, path: string, token?: string, body?: unknown, contentType?: string): Promise<Answer>;
  /** Posts agent.upsert events and waits until they are settled. */
  upsert(agents: readonly { agentId: string; email: string; displayName?: string }[]): Promise<void>;
  /** The link.verification codes the contact center received for the agent, oldest first. */
  codesFor(agentId: string): string[];
  close(): Promise<void>;
}

/** The real clock moved on by `shift()`: lets a test outlive a code without waiting 10 minutes. */
export class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  setTimer(ms: number, fn: () => void): () => void {
    return systemClock.setTimer(ms, fn);
  }
}

export async function startIdentityHarness(
  env: Record<string, string> = {},
  clock: ShiftedClock = new ShiftedClock(),
): Promise<IdentityHarness> {
  const cc = await startReceiver(CC_SECRET, () => clock.now() / 1000);
  const fixture = await startFixture(
    {
      AZURE_TENANT_ID: EMULATOR_TENANT_ID,
      AZURE_CLIENT_ID: TAB_CLIENT_ID,
      ADMIN_GROUP_ID: ADMIN_GROUP,
      CC_OUTBOUND_URL: cc.url,
      ...env,
    },
    undefined,
    undefined,
    clock,
  );
  const token = (oid: string, overrides: Partial<SsoTokenRequest> = {}) =>
    fixture.emulator.issueSsoToken({ oid, aud: TAB_CLIENT_ID, ...overrides });
  return {
    fixture,
    cc,
    token,
    adminToken: (oid = randomUUID()) => token(oid, { roles: ['Switchboard.Admin'] }),
    async tab(method, path, bearer, body, contentType) {
      const headers: Record<string, string> = bearer ? { authorization: `Bearer ${bearer}` } : {};
      let payload: string | undefined;
      if (body !== undefined) {
        headers['content-type'] = contentType ?? 'application/json';
        payload = typeof body === 'string' ? body : JSON.stringify(body);
      }
      const response = await fetch(`${fixture.app.url}${path}`, { method, headers, body: payload });
      const text = await response.text();
      const isJson = response.headers.get('content-type')?.includes('json');
      return {
        status: response.status,
        headers: response.headers,
        json: text && isJson ? JSON.parse(text) : text,
      };
    },
    async upsert(agents) {
      const events = agents.map((a) => ({
        id: `up-${randomUUID()}`,
        type: 'agent.upsert',
        occurredAt: new Date().toISOString(),
        agentId: a.agentId,
        email: a.email,
        displayName: a.displayName ?? a.agentId,
      }));
      const res = await fixture.postEvents({ events });
      if (res.status !== 202) throw new Error(`upsert answered ${res.status}: ${JSON.stringify(res.json)}`);
      await eventually(async () => {
        const statuses = await Promise.all(events.map((e) => fixture.app.store.eventStatus(e.id)));
        return statuses.every((s) => s && s.status !== 'pending');
      });
      await fixture.app.engine.idle();
    },
    codesFor(agentId) {
      return cc
        .accepted()
        .filter((b: any) => b.type === 'link.verification' && b.agentId === agentId)
        .map((b: any) => String(b.code));
    },
    async close() {
      await fixture.close();
      await cc.close();
    },
  };
}
