// Chooses the bot's Bot Framework endpoints and says at start-up, in one line, which mode the bot is in.
// In local mode with BOT_ID set, the bot is registered with the emulator so its tokens work end to end.
import type { GraphEmulator } from '../../src/adapters/graph-emulator';
import type { Config } from '../../src/config';
import type { Logger } from '../../src/ports/logger.port';
import { botFrameworkSettings, type BotFrameworkSettings } from './bot-framework';

const MODE_LINES = {
  authenticated: 'bot: every activity needs a Bot Framework token (BOT_ID set)',
  anonymous: 'bot: anonymous, activities are not authenticated (local mode or BOT_ALLOW_ANONYMOUS=true)',
  refused: 'bot: not configured, /api/messages answers 503 (set BOT_ID and BOT_PASSWORD)',
} as const;

export function botSettings(
  config: Config,
  emulator: GraphEmulator | null,
  logger: Logger,
): BotFrameworkSettings {
  const settings = botFrameworkSettings(config, emulator?.bot ?? null);
  if (emulator && settings.appId && settings.password)
    emulator.bot.registerApp(settings.appId, settings.password);
  const where = { openIdMetadataUrl: settings.openIdMetadataUrl, loginUrl: settings.loginUrl };
  logger.info(
    { botMode: settings.mode, ...(settings.mode === 'authenticated' ? where : {}) },
    MODE_LINES[settings.mode],
  );
  return settings;
}
