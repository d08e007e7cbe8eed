// The emulator's Bot Connector: what Teams' serviceUrl answers to a bot. It checks the bot token (once a bot
// app is registered; before that it takes anonymous calls, as a local Bot Framework tool would), records
// every call, and answers with ids like Teams: create a 1:1 conversation, send, reply, update, delete.
// Injected faults come first (429 with Retry-After, 412, 502, ...); a user without the app gets 403.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock.port';
import type { BotIssuer } from './bot-issuer';
import { FaultQueue, faultCode } from './faults';
import { fail, isRecord, ok, type Reply } from './http-kit';
import { matchRoute, route, type Route } from './router';

/** One call the bot made to the Bot Connector, as recorded (faulted and refused calls included). */
export interface RecordedBotCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string | null;
  /** The activity updated, deleted or replied to. */
  readonly activityId: string | null;
  readonly body: unknown;
  /** The app id of the bot token, null when the call was anonymous or refused. */
  readonly appId: string | null;
  readonly status: number;
  /** The id the connector answered with, if any. */
  readonly resultId: string | null;
  readonly at: number;
}

export interface ConnectorCall {
  readonly method: string;
  /** The path below the serviceUrl, e.g. /v3/conversations/a%3A1/activities. */
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: unknown;
}

interface Ctx {
  readonly params: readonly string[];
  readonly body: unknown;
}
type Handler = (connector: BotConnector, ctx: Ctx) => Reply;

const forbidden = (): Reply =>
  fail(403, 'ForbiddenOperationException', 'The bot is not installed for this user (emulator).');

const ROUTES: readonly Route<Handler>[] = [
  route<Handler>('POST', '/v3/conversations', (c, { body }) => c.createConversation(body)),
  route<Handler>('POST', '/v3/conversations/:id/activities', (c, { params }) => c.send(params[0] ?? '')),
  route<Handler>('POST', '/v3/conversations/:id/activities/:aid', (c, { params }) => c.send(params[0] ?? '')),
  route<Handler>('PUT', '/v3/conversations/:id/activities/:aid', (c, { params }) => c.update(params)),
  route<Handler>('DELETE', '/v3/conversations/:id/activities/:aid', (c, { params }) => c.remove(params)),
];

function memberIds(body: unknown): string[] {
  const members = isRecord(body) && Array.isArray(body.members) ? (body.members as unknown[]) : [];
  return members.flatMap((m) =>
    isRecord(m) ? [m.id, m.aadObjectId].filter((v): v is string => typeof v === 'string') : [],
  );
}

export class BotConnector {
  readonly faults = new FaultQueue();
  private readonly apps = new Map<string, string>();
  private readonly withoutApp = new Set<string>();
  private readonly members = new Map<string, readonly string[]>();
  /** Bot tokens issued by the token endpoint (a bot should cache its token, not ask per call). */
  tokensIssued = 0;
  private log: RecordedBotCall[] = [];
  private nextActivity = 1;

  constructor(
    private readonly issuer: BotIssuer,
    private readonly clock: Clock,
  ) {}

  registerApp(appId: string, password: string): void {
    this.apps.set(appId, password);
  }

  /** True when `password` is the registered secret of `appId`. */
  checkSecret(appId: string, password: string): boolean {
    return this.apps.has(appId) && this.apps.get(appId) === password;
  }

  /** A user (Teams id `29:…` or Entra object id) without the app gets 403 on create and send. */
  setAppInstalled(userId: string, installed: boolean): void {
    if (installed) this.withoutApp.delete(userId.toLowerCase());
    else this.withoutApp.add(userId.toLowerCase());
  }

  recorded(): readonly RecordedBotCall[] {
    return [...this.log];
  }

  reset(): void {
    this.log = [];
    this.tokensIssued = 0;
    this.faults.reset();
    this.withoutApp.clear();
    this.members.clear();
  }

  async handle(call: ConnectorCall): Promise<Reply> {
    const appId = await this.caller(call.authorization);
    const match = matchRoute(ROUTES, call.method, call.path);
    let reply: Reply;
    const fault = this.faults.take();
    if (appId === 'refused')
      reply = fail(401, 'Unauthorized', 'Authorization has been denied for this request.');
    else if (fault) reply = this.faultReply(fault.status, fault.retryAfterSeconds);
    else if (match.kind !== 'found') reply = fail(404, 'NotFound', `No Bot Connector route ${call.path}.`);
    else reply = match.route.handler(this, { params: match.params, body: call.body });
    const params = match.kind === 'found' ? match.params : [];
    const resultId = isRecord(reply.json) && typeof reply.json.id === 'string' ? reply.json.id : null;
    this.log.push({
      method: call.method,
      path: call.path,
      conversationId: params[0] ?? null,
      activityId: params[1] ?? null,
      body: call.body,
      appId: appId === 'refused' ? null : appId,
      status: reply.status,
      resultId,
      at: this.clock.now(),
    });
    return reply;
  }

  createConversation(body: unknown): Reply {
    const members = memberIds(body);
    if (members.length === 0) return fail(400, 'BadArgument', 'members is required.');
    if (members.some((m) => this.withoutApp.has(m.toLowerCase()))) return forbidden();
    const id = `a:${randomUUID()}`;
    this.members.set(id, members);
    return ok({ id }, 201);
  }

  send(conversationId: string): Reply {
    if (this.blocked(conversationId)) return forbidden();
    return ok({ id: String(this.nextActivity++) }, 201);
  }

  update([conversationId = '', activityId = '']: readonly string[]): Reply {
    return this.blocked(conversationId) ? forbidden() : ok({ id: activityId });
  }

  remove([conversationId = '']: readonly string[]): Reply {
    return this.blocked(conversationId) ? forbidden() : { status: 200 };
  }

  private blocked(conversationId: string): boolean {
    const members = this.members.get(conversationId) ?? [];
    return members.some((m) => this.withoutApp.has(m.toLowerCase()));
  }

  private faultReply(status: number, retryAfterSeconds: number | undefined): Reply {
    const headers =
      retryAfterSeconds === undefined ? undefined : { 'retry-after': String(retryAfterSeconds) };
    return fail(status, faultCode(status), 'Injected fault (Bot Connector emulator).', headers);
  }

  /** The calling bot's app id; null when anonymous is allowed (no app registered); 'refused' otherwise. */
  private async caller(authorization: string | undefined): Promise<string | null | 'refused'> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return this.apps.size === 0 ? null : 'refused';
    const check = await this.issuer.checkBotToken(token);
    return check.ok && this.apps.has(check.appId) ? check.appId : 'refused';
  }
}
