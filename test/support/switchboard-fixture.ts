// Starts the real Switchboard (bot/app.ts) against the project's Graph emulator over HTTP, with a temp
// DATA_DIR, and offers signed and admin requests as a contact center and an admin would make them.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSwitchboard, type RunningSwitchboard } from '../../bot/app';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { parseConfig } from '../../src/config';
import type { Clock } from '../../src/ports/clock.port';
import { silentLogger } from '../../src/ports/logger.port';

export const ADMIN_KEY = 'test-admin-key';
export const CC_SECRET = 'test-cc-secret';
export const GRAPH_TOKEN = 'test-graph-token';

export interface Fixture {
  readonly app: RunningSwitchboard;
  readonly emulator: GraphEmulator;
  readonly dataDir: string;
  postEvents(body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  restart(): Promise<Fixture>;
  close(): Promise<void>;
}

export async function startFixture(
  env: Record<string, string> = {},
  dataDir?: string,
  emulator?: GraphEmulator,
  clock?: Clock,
): Promise<Fixture> {
  const graph = emulator ?? (await startGraphEmulator({ token: GRAPH_TOKEN }));
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'switchboard-'));
  const config = parseConfig({
    PORT: '0',
    DATA_DIR: dir,
    GRAPH_BASE_URL: graph.url,
    GRAPH_TOKEN,
    CC_WEBHOOK_SECRET: CC_SECRET,
    ADMIN_API_KEY: ADMIN_KEY,
    AZURE_AUTHORITY_HOST: graph.origin,
    ...env,
  });
  const app = await startSwitchboard(config, {
    logger: silentLogger,
    host: '127.0.0.1',
    ...(clock ? { clock } : {}),
  });
  const request = async (
    method: string,
    path: string,
    body: string | undefined,
    headers: Record<string, string>,
  ) => {
    const response = await fetch(`${app.url}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null };
  };
  const fixture: Fixture = {
    app,
    emulator: graph,
    dataDir: dir,
    postEvents(body, headers) {
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      const signed = {
        'content-type': 'application/json',
        ...signatureHeaders(CC_SECRET, text, Date.now() / 1000),
      };
      return request('POST', '/api/cc/events', text, { ...signed, ...headers });
    },
    admin(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      return request(method, path, body === undefined ? undefined : JSON.stringify(body), headers);
    },
    async restart() {
      await app.close();
      return startFixture(env, dir, graph, clock);
    },
    async close() {
      await app.close();
      if (!emulator) await graph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

let counter = 0;
/** An agent.state event; occurredAt defaults to now. */
export function stateEvent(agentId: string, state: string, extra: Record<string, unknown> = {}) {
  counter += 1;
  return {
    id: `evt-${randomUUID()}-${counter}`,
    type: 'agent.state',
    occurredAt: new Date().toISOString(),
    agentId,
    state,
    ...extra,
  };
}

export const newTeamsUserId = (): string => randomUUID();

/** Polls until check() is true (work happens behind the durable queue), failing after timeoutMs. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
