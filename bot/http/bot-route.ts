// POST /api/messages: Bot Framework activities. The route owns every answer, in the contract's error shape:
// 503 bot_not_configured when BOT_ID is empty outside local mode and BOT_ALLOW_ANONYMOUS (before anything
// is read or sent), 400 invalid_activity, 401 unauthorized for any token botbuilder does not accept (with
// BOT_ID set), 500 when the turn fails. A failed reply never echoes what the serviceUrl answered.
import type { Activity, TurnContext } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Logger } from '../../src/ports/logger.port';
import { RouteOwnedAdapter, type BotFrameworkSettings } from '../teams/bot-framework';
import { parseJson, rawBody, readRawBody } from './raw-body';
import { sendError } from './http-errors';

export interface BotRouteOptions {
  readonly settings: BotFrameworkSettings;
  readonly logger: Logger;
}

const MAX_ACTIVITY_BYTES = 256 * 1024;

const activitySchema = z
  .object({
    type: z.string().min(1).max(64),
    serviceUrl: z
      .string()
      .url()
      .refine((u) => /^https?:\/\//i.test(u), 'serviceUrl must be http(s)'),
    channelId: z.string().min(1).max(64),
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    // Every turn is keyed by both (teams-ai's turn state): without them there is nobody to answer.
    from: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
    recipient: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  })
  .passthrough();

function parseActivity(bytes: Buffer): Activity | string {
  const parsed = activitySchema.safeParse(parseJson(bytes));
  if (parsed.success) return parsed.data as unknown as Activity;
  const issue = parsed.error.issues[0];
  return `Body must be a JSON activity (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`;
}

/** An invoke nobody handles is 501 with no body; every error status still gets the contract's shape. */
function sendInvoke(res: Response, status: number, body: unknown): void {
  if (status < 400 || (body !== undefined && body !== null)) return void res.send(status, body);
  const code = status === 501 ? 'not_implemented' : 'invoke_failed';
  sendError(res, status, code, `The bot does not handle this invoke activity (${status})`);
}

/** What runs a turn: the teams-ai Application (bot/teams/switchboard-bot.ts) or any botbuilder bot. */
export interface TurnRunner {
  run(context: TurnContext): Promise<unknown>;
}

export function mountBot(server: Server, bot: TurnRunner, options: BotRouteOptions): void {
  const { settings, logger } = options;
  const adapter = new RouteOwnedAdapter(settings);
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: String(error), activity: context.activity.type }, 'bot turn failed');
    await context.sendActivity('Sorry, something went wrong on our side.');
  };
  server.post('/api/messages', readRawBody(MAX_ACTIVITY_BYTES), async (req: Request, res: Response) => {
    if (settings.mode === 'refused') {
      const message = 'The bot is not configured: set BOT_ID and BOT_PASSWORD (or BOT_ALLOW_ANONYMOUS=true)';
      return sendError(res, 503, 'bot_not_configured', message);
    }
    const activity = parseActivity(rawBody(req));
    if (typeof activity === 'string') return sendError(res, 400, 'invalid_activity', activity);
    const auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
    if (!auth.ok) {
      logger.info({ status: auth.status, code: auth.code }, 'bot activity refused');
      if (auth.status === 401) res.header('WWW-Authenticate', 'Bearer');
      return sendError(res, auth.status, auth.code, auth.message);
    }
    try {
      const invoke = await adapter.runTurn(
        auth.result,
        activity,
        async (context) => void (await bot.run(context)),
      );
      if (invoke) return sendInvoke(res, invoke.status, invoke.body);
      res.send(200);
    } catch (error) {
      logger.error({ err: String(error) }, 'bot turn failed and its apology could not be sent');
      sendError(res, 500, 'internal_error', 'The bot could not handle this activity');
    }
  });
}
