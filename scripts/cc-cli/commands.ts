// The CLI's commands. Each prints what a person reads, or the raw JSON with --json, and fails with one line.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clientPresenceProblem } from '../../src/adapters/graph-emulator/client-presence';
import { signatureHeaders } from '../../src/adapters/signature/hmac-signature';
import { CHAT_TYPES, chatEventFor } from './chat';
import { fail } from './errors';
import { expectOk, jsonBody, request, type Answer, type Endpoint } from './http';
import { describeAgentStatus, describeEmulatorUser, presenceWords } from './show';
import type { AgentStatus, EmulatorUser } from './show';
import type { Targets } from './targets';

export interface Context {
  readonly targets: Targets;
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly env: NodeJS.ProcessEnv;
  readonly print: (lines: string | readonly string[]) => void;
}

const option = (ctx: Context, name: string): string | undefined => {
  const value = ctx.options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

export const service = (ctx: Context): Endpoint => ({
  name: 'Switchboard',
  base: ctx.targets.service,
  hint: `is npm start running? ${ctx.targets.from}`,
});

export const emulator = (ctx: Context): Endpoint => ({
  name: 'the Graph emulator',
  base: ctx.targets.graph,
  hint: `is npm start running in local mode? ${ctx.targets.from}`,
});

export function webhookSecret(ctx: Context): string {
  const given = option(ctx, 'secret') ?? ctx.env.CC_WEBHOOK_SECRET;
  if (given) return given;
  const path = join(ctx.targets.dataDir, 'cc-webhook-secret');
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return fail(
      `no webhook secret: pass --secret, set CC_WEBHOOK_SECRET, or point --data-dir at ${path}'s folder`,
    );
  }
}

function printAnswer(ctx: Context, answer: Answer, lines: () => string | readonly string[]): void {
  ctx.print(ctx.options.json ? answer.text || '{}' : lines());
}

const EVENT_TYPES = 'agent.state, agent.upsert, agent.remove, chat.message, chat.edit or chat.delete';

function eventFor(ctx: Context, type: string | undefined): Record<string, unknown> {
  if (!type)
    fail(`send needs an event type: ${EVENT_TYPES} (e.g. send agent.state --agent A100 --state Busy)`);
  const needs = (name: string, usage: string): string =>
    option(ctx, name) ?? fail(`send ${type} needs ${usage}`);
  const base = { id: randomUUID(), type, occurredAt: new Date().toISOString() };
  if (type === 'agent.state') {
    const usage = '--agent <id> --state <state> (e.g. --agent A100 --state Busy)';
    const [agentId, state] = [needs('agent', usage), needs('state', usage)];
    const changedBy = option(ctx, 'changed-by');
    return { ...base, agentId, state, ...(changedBy ? { changedBy } : {}) };
  }
  if (type === 'agent.upsert') {
    const usage = '--agent <id> --email <address> [--name "Display Name"]';
    const [agentId, email] = [needs('agent', usage), needs('email', usage)];
    return { ...base, agentId, email, displayName: option(ctx, 'name') ?? agentId };
  }
  if (type === 'agent.remove') return { ...base, agentId: needs('agent', '--agent <id>') };
  if (CHAT_TYPES.has(type)) return chatEventFor(ctx, type);
  return fail(`unknown event type "${type}": use ${EVENT_TYPES}`);
}

export async function send(ctx: Context, type: string | undefined): Promise<void> {
  const event = eventFor(ctx, type);
  const body = JSON.stringify(event);
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(webhookSecret(ctx), body, Date.now() / 1000),
  };
  const answer = expectOk(
    service(ctx),
    await request(service(ctx), 'POST', '/api/cc/events', { body, headers }),
  );
  const what =
    typeof event.state === 'string'
      ? ` → ${event.state}`
      : typeof event.messageId === 'string'
        ? ` (message ${event.messageId})`
        : '';
  printAnswer(
    ctx,
    answer,
    () => `Accepted ${String(event.type)} for ${String(event.agentId)}${what} (event ${String(event.id)})`,
  );
}

export async function admin(ctx: Context, method: string, path: string, body?: unknown): Promise<Answer> {
  const key =
    option(ctx, 'admin-key') ??
    (ctx.env.ADMIN_API_KEY ||
      fail('the admin API needs a key: pass --admin-key or set ADMIN_API_KEY (also read from .env)'));
  const payload = body === undefined ? { headers: {} } : jsonBody(body);
  const headers = { ...payload.headers, authorization: `Bearer ${key}` };
  return expectOk(service(ctx), await request(service(ctx), method, path, { ...payload, headers }));
}

export async function link(ctx: Context, agent: string, teamsUserId: string | undefined): Promise<void> {
  if (!teamsUserId) fail('link needs an agent id and a Teams user id: link A100 <teams-user-object-id>');
  const upn = option(ctx, 'upn');
  const answer = await admin(ctx, 'PUT', `/api/admin/links/${encodeURIComponent(agent)}`, {
    teamsUserId,
    ...(upn ? { upn } : {}),
  });
  printAnswer(ctx, answer, () => `Linked agent ${agent} to Teams user ${teamsUserId}`);
}

export async function unlink(ctx: Context, agent: string): Promise<void> {
  const answer = await admin(ctx, 'DELETE', `/api/admin/links/${encodeURIComponent(agent)}`);
  printAnswer(ctx, answer, () => `Unlinked agent ${agent}`);
}

export async function status(ctx: Context, agent: string): Promise<void> {
  const answer = await admin(ctx, 'GET', `/api/admin/agents/${encodeURIComponent(agent)}/status`);
  printAnswer(ctx, answer, () => describeAgentStatus(answer.json as AgentStatus));
}

export async function presence(ctx: Context, user: string): Promise<void> {
  const to = emulator(ctx);
  const answer = expectOk(to, await request(to, 'GET', `/_emulator/users/${encodeURIComponent(user)}`));
  printAnswer(ctx, answer, () => describeEmulatorUser(answer.json as EmulatorUser, ctx.targets.sessionId));
}

export async function teams(ctx: Context, args: readonly (string | undefined)[]): Promise<void> {
  const [user, availability, activity] = args;
  if (!user || !availability || !activity)
    fail('teams needs a Teams user id, an availability and an activity: teams <id> Busy InACall');
  const problem = clientPresenceProblem({ availability, activity });
  if (problem) fail(problem);
  const to = emulator(ctx);
  const path = `/_emulator/users/${encodeURIComponent(user)}/client-presence`;
  const answer = expectOk(to, await request(to, 'PUT', path, jsonBody({ availability, activity })));
  printAnswer(
    ctx,
    answer,
    () => `Teams client of ${user} now shows ${presenceWords({ availability, activity })}`,
  );
}

export async function syncAccount(ctx: Context, name: string | undefined): Promise<void> {
  if (!name) fail('sync-account needs a name: sync-account sync1 [--upn sync1@contoso.com]');
  const userPrincipalName = option(ctx, 'upn') ?? `${name}@contoso.com`;
  const to = emulator(ctx);
  const issued = expectOk(
    to,
    await request(to, 'POST', '/_emulator/refresh-tokens', jsonBody({ userPrincipalName })),
  );
  const refreshToken = (issued.json as { refresh_token?: unknown } | null)?.refresh_token;
  if (typeof refreshToken !== 'string') fail('the Graph emulator did not return a refresh token');
  const path = `/api/admin/sync-accounts/${encodeURIComponent(name)}`;
  const answer = await admin(ctx, 'PUT', path, { refreshToken, userPrincipalName });
  printAnswer(ctx, answer, () => `Registered sync account ${name} (${userPrincipalName})`);
}
