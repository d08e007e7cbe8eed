// Builds the real ChatTransport whenever the bot can send: with BOT_ID set (a bot token from BOT_LOGIN_URL),
// or anonymously where a connector takes anonymous calls (the local emulator's, or BOT_SERVICE_URL's), so
// chat works out of the box in local mode. Null otherwise: chat.* events then settle as unavailable.
import {
  BotConnectorTransport,
  DEFAULT_CALL_TIMEOUT_MS,
} from '../../src/adapters/bot-connector/bot-connector-transport';
import { EMULATOR_TENANT_ID, type GraphEmulator } from '../../src/adapters/graph-emulator';
import type { Config } from '../../src/config';
import type { ChatTransport } from '../../src/ports/chat-transport.port';
import type { Clock } from '../../src/ports/clock.port';
import { ClientCredentialsFactory } from './bot-credentials';
import type { BotFrameworkSettings } from './bot-framework';

/** Teams' global Bot Connector; it routes a new chat to the tenant's region. */
export const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export function chatTransportFor(
  config: Config,
  settings: BotFrameworkSettings,
  emulator: GraphEmulator | null,
  clock: Clock,
): ChatTransport | null {
  if (settings.mode === 'refused') return null;
  if (settings.mode === 'anonymous' && !emulator && !config.botServiceUrl) return null;
  const credentials = new ClientCredentialsFactory({
    appId: settings.appId,
    password: settings.password,
    loginUrl: settings.loginUrl,
    now: () => clock.now(),
  });
  return new BotConnectorTransport({
    authorize: () => credentials.bearer(settings.oauthScope),
    botId: settings.appId,
    tenantId: config.azure?.tenantId || (emulator ? EMULATOR_TENANT_ID : null),
    serviceUrl: config.botServiceUrl ?? emulator?.bot.serviceUrl ?? TEAMS_SERVICE_URL,
    timeoutMs: DEFAULT_CALL_TIMEOUT_MS,
    now: () => clock.now(),
  });
}
