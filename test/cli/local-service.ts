// Switchboard in local mode as a child process (as `npm start` runs it with no Graph settings), on ports
// fixed up front so a restart on the same DATA_DIR comes back at the same URLs, plus the calls tests make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { startChild, type Child } from '../support/child-switchboard';
import { freePort } from '../support/free-port';

export const ADMIN_KEY = 'local-admin-key';

export interface LocalService {
  readonly child: Child;
  /** The emulator's origin, as the service's runtime file gives it. */
  readonly emulator: string;
  readonly admin: (method: string, path: string, body?: unknown) => Promise<Response>;
  readonly sendState: (agentId: string, state: string) => Promise<Response>;
  /** SIGTERM, and the exit code. */
  readonly stop: () => Promise<number | string>;
}

export async function localEnv(dataDir: string): Promise<Record<string, string>> {
  return {
    PORT: String(await freePort()),
    EMULATOR_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ADMIN_API_KEY: ADMIN_KEY,
  };
}

export async function startLocal(env: Record<string, string>): Promise<LocalService> {
  const child = await startChild(env);
  const dataDir = env.DATA_DIR ?? '';
  const runtime = JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as { emulatorUrl: string };
  const secret = readFileSync(join(dataDir, 'cc-webhook-secret'), 'utf8').trim();
  return {
    child,
    emulator: runtime.emulatorUrl,
    admin: (method, path, body) =>
      fetch(`${child.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }),
    sendState: (agentId, state) => {
      const body = JSON.stringify({
        id: `evt-${Date.now()}-${Math.random()}`,
        type: 'agent.state',
        occurredAt: new Date().toISOString(),
        agentId,
        state,
      });
      const headers = {
        'content-type': 'application/json',
        ...signatureHeaders(secret, body, Date.now() / 1000),
      };
      return fetch(`${child.url}/api/cc/events`, { method: 'POST', headers, body });
    },
    stop: () => {
      child.process.kill('SIGTERM');
      return child.exited;
    },
  };
}

export async function json<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}
