// The Bot Framework side of the emulator as tests and the composition root use it in-process; the same
// operations are served over HTTP by bot-routes.ts.
import type { Clock } from '../../ports/clock.port';
import { BotConnector, type RecordedBotCall } from './bot-connector';
import { BotIssuer, type ChannelTokenRequest } from './bot-issuer';
import { BOT_PATHS, type BotSide } from './bot-routes';
import type { Fault } from './faults';

export type { RecordedBotCall } from './bot-connector';
export type { ChannelTokenRequest } from './bot-issuer';

export interface BotFrameworkEmulator {
  /** The Bot Connector's base URL, to put in an activity's serviceUrl. */
  readonly serviceUrl: string;
  /** Channel-token OpenID metadata: BOT_OPENID_METADATA_URL. */
  readonly openIdMetadataUrl: string;
  /** The token authority for a bot of `tenant` (default botframework.com): BOT_LOGIN_URL. */
  loginUrl(tenant?: string): string;
  /** Registers a bot; from then on the Bot Connector requires a token issued to a registered bot. */
  registerApp(appId: string, password: string): void;
  /** A channel → bot activity token; serviceUrl defaults to this emulator's Bot Connector. */
  issueChannelToken(
    request: Omit<ChannelTokenRequest, 'serviceUrl'> & { serviceUrl?: string },
  ): Promise<string>;
  /** A user (29:… id or Entra object id) without the app: creating or sending to their chat answers 403. */
  setAppInstalled(userId: string, installed: boolean): void;
  /** The next `count` Bot Connector calls answer `status` (with Retry-After when given). */
  injectFaults(fault: Fault): void;
  /** Ends an injected outage now: faults not yet taken are dropped. */
  clearFaults(): void;
  /** How many bot tokens the token endpoint has issued. */
  tokensIssued(): number;
  /** Every Bot Connector call received, in order. */
  calls(): readonly RecordedBotCall[];
  /** Forgets calls, faults and app installs (registered bots and keys stay). */
  reset(): void;
}

export function createBotSide(
  clock: Clock,
  origin: () => string,
): { side: BotSide; api: BotFrameworkEmulator } {
  const issuer = new BotIssuer(clock);
  const connector = new BotConnector(issuer, clock);
  const api: BotFrameworkEmulator = {
    get serviceUrl() {
      return `${origin()}${BOT_PATHS.connector}/`;
    },
    get openIdMetadataUrl() {
      return `${origin()}${BOT_PATHS.openIdMetadata}`;
    },
    loginUrl: (tenant = 'botframework.com') => `${origin()}${BOT_PATHS.login}/${encodeURIComponent(tenant)}`,
    registerApp: (appId, password) => connector.registerApp(appId, password),
    issueChannelToken: (request) =>
      issuer.issueChannelToken({ ...request, serviceUrl: request.serviceUrl ?? api.serviceUrl }),
    setAppInstalled: (userId, installed) => connector.setAppInstalled(userId, installed),
    injectFaults: (fault) => connector.faults.inject(fault),
    clearFaults: () => connector.faults.reset(),
    calls: () => connector.recorded(),
    tokensIssued: () => connector.tokensIssued,
    reset: () => connector.reset(),
  };
  return { side: { issuer, connector, origin }, api };
}
