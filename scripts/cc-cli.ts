// A contact center in a terminal: signs and posts events to Switchboard, links agents, shows status, and
// receives Switchboard's outbound events. Run `npx switchboard-cc help`.
import 'dotenv/config';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  signatureHeaders,
  verifySignature,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
} from '../src/adapters/signature/hmac-signature';

const HELP = `switchboard-cc: talk to Switchboard as a contact center would.

  send agent.state  --agent A100 --state Busy [--changed-by agent|system]
  send agent.upsert --agent A100 --email a@contoso.com --name "Johanna"
  send agent.remove --agent A100
  link A100 <teams-user-object-id> [--upn user@contoso.com]     (admin API)
  unlink A100                                                   (admin API)
  status A100                                                   (admin API)
  presence <teams-user-object-id>        the user's presence in the local Graph emulator
  teams <teams-user-object-id> <availability> <activity>
                                         set the user's own Teams client presence in the emulator
  sync-account <name> [--upn u@contoso.com]
                                         register a sync account with a refresh token from the emulator
  listen [--port 4100]                   receive and verify Switchboard's outbound events

Options: --url (default http://127.0.0.1:$PORT or :3978), --secret (default CC_WEBHOOK_SECRET or
DATA_DIR/cc-webhook-secret), --admin-key (default ADMIN_API_KEY), --graph (default http://127.0.0.1:4000).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    agent: { type: 'string' },
    state: { type: 'string' },
    'changed-by': { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    upn: { type: 'string' },
    url: { type: 'string' },
    secret: { type: 'string' },
    'admin-key': { type: 'string' },
    graph: { type: 'string' },
    port: { type: 'string' },
  },
});

const baseUrl = values.url ?? `http://127.0.0.1:${process.env.PORT ?? '3978'}`;

function fail(message: string): never {
  console.error(`switchboard-cc: ${message}`);
  process.exit(2);
}

function secret(): string {
  if (values.secret) return values.secret;
  if (process.env.CC_WEBHOOK_SECRET) return process.env.CC_WEBHOOK_SECRET;
  const path = join(process.env.DATA_DIR ?? './data', 'cc-webhook-secret');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fail(
      `no secret: pass --secret, set CC_WEBHOOK_SECRET, or run from the directory where ${path} exists`,
    );
  }
}

function required(name: keyof typeof values): string {
  const value = values[name];
  return typeof value === 'string' && value ? value : fail(`--${name} is required`);
}

function eventFor(type: string | undefined): Record<string, unknown> {
  const base = { id: randomUUID(), type, occurredAt: new Date().toISOString(), agentId: required('agent') };
  if (type === 'agent.state')
    return {
      ...base,
      state: required('state'),
      ...(values['changed-by'] ? { changedBy: values['changed-by'] } : {}),
    };
  if (type === 'agent.upsert')
    return { ...base, email: required('email'), displayName: values.name ?? String(values.agent) };
  if (type === 'agent.remove') return base;
  return fail(`unknown event type "${type ?? ''}" (agent.state, agent.upsert, agent.remove)`);
}

async function show(response: Response): Promise<void> {
  const text = await response.text();
  console.log(`${response.status} ${text}`);
  if (!response.ok) process.exitCode = 1;
}

async function send(type: string | undefined): Promise<void> {
  const body = JSON.stringify(eventFor(type));
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(secret(), body, Date.now() / 1000),
  };
  await show(await fetch(`${baseUrl}/api/cc/events`, { method: 'POST', headers, body }));
}

async function admin(method: string, path: string, body?: unknown): Promise<void> {
  const key =
    values['admin-key'] ?? process.env.ADMIN_API_KEY ?? fail('--admin-key or ADMIN_API_KEY is required');
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  await show(
    await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}

const graphOrigin = () => values.graph ?? 'http://127.0.0.1:4000';

async function teamsClient(user?: string, availability?: string, activity?: string): Promise<void> {
  if (!user || !availability || !activity)
    fail('usage: teams <teams-user-object-id> <availability> <activity>');
  const body = JSON.stringify({ availability, activity });
  const url = `${graphOrigin()}/_emulator/users/${encodeURIComponent(user)}/client-presence`;
  await show(await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/json' }, body }));
}

async function syncAccount(name?: string): Promise<void> {
  if (!name) fail('usage: sync-account <name> [--upn sync@contoso.com]');
  const userPrincipalName = values.upn ?? `${name}@contoso.com`;
  const issued = await fetch(`${graphOrigin()}/_emulator/refresh-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userPrincipalName }),
  });
  if (!issued.ok) return show(issued);
  const { refresh_token: refreshToken } = (await issued.json()) as { refresh_token: string };
  await admin('PUT', `/api/admin/sync-accounts/${encodeURIComponent(name)}`, {
    refreshToken,
    userPrincipalName,
  });
}

function listen(): void {
  const port = Number(values.port ?? '4100');
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const header = (name: string) => req.headers[name] as string | undefined;
      const check = verifySignature(
        secret(),
        body,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        Date.now() / 1000,
      );
      console.log(`${check.ok ? 'verified' : `REJECTED (${check.code})`} ${body.toString('utf8')}`);
      res.statusCode = check.ok ? 200 : 401;
      res.end();
    });
  }).listen(port, '127.0.0.1', () =>
    console.log(`listening on http://127.0.0.1:${port} (set CC_OUTBOUND_URL to it)`),
  );
}

async function run(): Promise<void> {
  const [command, arg, arg2] = positionals;
  const agent = () => encodeURIComponent(arg ?? fail('an agent id is required'));
  if (command === 'send') return send(arg);
  if (command === 'link')
    return admin('PUT', `/api/admin/links/${agent()}`, {
      teamsUserId: arg2 ?? fail('a Teams user id is required'),
      ...(values.upn ? { upn: values.upn } : {}),
    });
  if (command === 'unlink') return admin('DELETE', `/api/admin/links/${agent()}`);
  if (command === 'status') return admin('GET', `/api/admin/agents/${agent()}/status`);
  if (command === 'presence') {
    const graph = values.graph ?? 'http://127.0.0.1:4000';
    return show(
      await fetch(
        `${graph}/_emulator/users/${encodeURIComponent(arg ?? fail('a Teams user id is required'))}`,
      ),
    );
  }
  if (command === 'teams') return teamsClient(arg, arg2, positionals[3]);
  if (command === 'sync-account') return syncAccount(arg);
  if (command === 'listen') return listen();
  console.log(HELP);
  if (command && command !== 'help') process.exitCode = 2;
}

run().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
