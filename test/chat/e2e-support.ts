// End-to-end chat over HTTP: the real Switchboard with BOT_ID set, the emulator as Graph and as the Bot
// Framework (channel tokens in, bot tokens and the Bot Connector out), and a contact center receiving the
// signed outbound events. The Teams side is played by posting activities as Teams would, signed.
import { randomUUID } from 'node:crypto';
import {
  startGraphEmulator,
  type GraphEmulator,
  type RecordedBotCall,
} from '../../src/adapters/graph-emulator';
import { BOT_ID, BOT_PASSWORD, botEnv, postActivity } from '../integration/bot-support';
import { startReceiver, type Receiver } from '../outbound/receiver';
import {
  CC_SECRET,
  GRAPH_TOKEN,
  eventually,
  newTeamsUserId,
  startFixture,
  type Fixture,
} from '../support/switchboard-fixture';

export { eventually };

export class ChatE2E {
  readonly user = newTeamsUserId();
  private seq = 0;
  private constructor(
    readonly emulator: GraphEmulator,
    readonly cc: Receiver,
    public f: Fixture,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<ChatE2E> {
    const emulator = await startGraphEmulator({ token: GRAPH_TOKEN });
    emulator.bot.registerApp(BOT_ID, BOT_PASSWORD);
    const cc = await startReceiver(CC_SECRET, () => Date.now() / 1000);
    const f = await startFixture(
      { ...botEnv(emulator), BOT_SERVICE_URL: emulator.bot.serviceUrl, CC_OUTBOUND_URL: cc.url, ...env },
      undefined,
      emulator,
    );
    return new ChatE2E(emulator, cc, f);
  }

  async close(): Promise<void> {
    await this.f.close();
    await this.cc.close();
    await this.emulator.close();
  }

  async restart(): Promise<void> {
    this.f = await this.f.restart();
  }

  /** An activity of this user's personal chat, as Teams posts it to /api/messages, with a channel token. */
  async teams(activity: Record<string, unknown>, token?: string): Promise<{ status: number; json: any }> {
    const serviceUrl = this.emulator.bot.serviceUrl;
    const body = {
      channelId: 'msteams',
      serviceUrl,
      from: { id: `29:${this.user}`, name: 'Pat Teams', aadObjectId: this.user },
      recipient: { id: `28:${BOT_ID}`, name: 'Switchboard' },
      conversation: { id: `a:personal-${this.user}`, conversationType: 'personal', tenantId: 'tenant-1' },
      channelData: { tenant: { id: 'tenant-1' } },
      timestamp: new Date().toISOString(),
      ...activity,
    };
    const signed = token ?? (await this.emulator.bot.issueChannelToken({ appId: BOT_ID, serviceUrl }));
    return postActivity(this.f.app.url, body, signed);
  }

  /** The user installs the app: Teams tells the bot, which keeps the chat's reference. */
  install(): Promise<{ status: number }> {
    return this.teams({ type: 'installationUpdate', action: 'add' });
  }

  /** The contact center posts agent events (signed). */
  async agent(agentId: string, ...events: Record<string, unknown>[]): Promise<string[]> {
    const full = events.map((e) => ({
      id: `evt-${randomUUID()}-${++this.seq}`,
      occurredAt: new Date().toISOString(),
      agentId,
      ...e,
    }));
    const res = await this.f.postEvents({ events: full });
    if (res.status !== 202) throw new Error(`events refused: ${res.status} ${JSON.stringify(res.json)}`);
    return full.map((e) => e.id);
  }

  post(messageId: string, text: string, to: Record<string, string> = { teamsUserId: this.user }) {
    return { type: 'chat.message', messageId, to, text };
  }

  /** Bot Connector calls that succeeded, optionally of one method. */
  sent(method?: string): RecordedBotCall[] {
    return this.emulator.bot
      .calls()
      .filter((c) => c.status < 300 && (!method || c.method === method) && c.path.includes('/activities'));
  }

  /** Outbound events the contact center accepted, of a type. */
  toCc(type: string): any[] {
    return this.cc.accepted().filter((b) => b.type === type);
  }

  async settled(count: number, timeoutMs = 15_000): Promise<any[]> {
    await eventually(() => this.toCc('chat.status').length >= count, timeoutMs);
    return this.toCc('chat.status');
  }
}

export const textOf = (call: RecordedBotCall | undefined): string =>
  String((call?.body as { text?: unknown } | undefined)?.text ?? '');
