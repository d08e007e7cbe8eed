// POST /api/messages: Bot Framework activities. The CloudAdapter checks the channel's JWT whenever BOT_ID is
// set; with it empty (local mode) it accepts unauthenticated activities, as Bot Framework tools expect.
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ActivityHandler } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { Logger } from '../../src/ports/logger.port';
import { parseJson, rawBody, readRawBody } from './raw-body';
import { sendError } from './http-errors';

export interface BotRouteOptions {
  readonly botId: string | null;
  readonly botPassword: string | null;
  readonly tenantId: string | null;
  readonly logger: Logger;
}

export function mountBot(server: Server, bot: ActivityHandler, options: BotRouteOptions): void {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: options.botId ?? '',
    MicrosoftAppPassword: options.botPassword ?? '',
    MicrosoftAppType: options.tenantId ? 'SingleTenant' : 'MultiTenant',
    MicrosoftAppTenantId: options.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    options.logger.error({ err: String(error), activity: context.activity.type }, 'bot turn failed');
    await context.sendActivity('Sorry, something went wrong on our side.');
  };
  server.post('/api/messages', readRawBody(256 * 1024), async (req: Request, res: Response) => {
    const activity = parseJson(rawBody(req));
    if (typeof activity !== 'object' || activity === null)
      return sendError(res, 400, 'invalid_activity', 'Body must be a JSON activity');
    req.body = activity;
    await adapter.process(req, res, (context) => bot.run(context));
  });
}
