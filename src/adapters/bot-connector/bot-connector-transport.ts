// The ChatTransport over the Bot Connector REST API (what botbuilder's ConnectorClient calls, in plain fetch
// so that no client-side retry policy runs: the dispatcher is the one layer that retries). Creates the
// Teams user's 1:1 chat with the bot when no reference is known, then sends, updates and deletes the bot's
// messages in it. Every message starts with the agent who wrote it.
import { teamsActivityId, type TeamsActivityId } from '../../domain/ids';
import type { ConversationReference } from '../../ports/chat-store.port';
import type {
  ChatRecipient,
  ChatSendResult,
  ChatTransport,
  OutgoingChat,
} from '../../ports/chat-transport.port';
import { connectorCall, type CallAnswer, type CallSettings } from './connector-call';

export interface BotConnectorSettings extends Partial<CallSettings> {
  readonly authorize: CallSettings['authorize'];
  /** The bot's app id (BOT_ID); null when anonymous. */
  readonly botId: string | null;
  /** The tenant new 1:1 chats are created in when the recipient has no reference yet. */
  readonly tenantId: string | null;
  /** Where new 1:1 chats are created (a Teams serviceUrl, or the emulator's Bot Connector). */
  readonly serviceUrl: string;
}

export const DEFAULT_CALL_TIMEOUT_MS = 15_000;

/** What the Teams user sees: the agent, then the text (Teams renders the markdown). */
export function renderAgentMessage(message: OutgoingChat): string {
  return `**${message.agentId}**: ${message.text}`;
}

const base = (serviceUrl: string): string => `${serviceUrl.replace(/\/+$/, '')}/v3/conversations`;
const activityUrl = (ref: ConversationReference, id?: string): string =>
  `${base(ref.serviceUrl)}/${encodeURIComponent(ref.conversationId)}/activities${id ? `/${encodeURIComponent(id)}` : ''}`;

export class BotConnectorTransport implements ChatTransport {
  private readonly call: CallSettings;

  constructor(private readonly settings: BotConnectorSettings) {
    this.call = {
      authorize: settings.authorize,
      timeoutMs: settings.timeoutMs ?? DEFAULT_CALL_TIMEOUT_MS,
      now: settings.now ?? Date.now,
    };
  }

  async send(recipient: ChatRecipient, message: OutgoingChat): Promise<ChatSendResult> {
    let reference = recipient.reference;
    let created = false;
    if (!reference) {
      const made = await this.createConversation(recipient);
      if ('kind' in made) return notFoundAs(made, 'conversation_not_found');
      reference = made;
      created = true;
    }
    const body = { type: 'message', text: renderAgentMessage(message), textFormat: 'markdown' };
    const answer = await connectorCall(this.call, 'POST', activityUrl(reference), body);
    if (answer.kind !== 'ok') return notFoundAs(answer, 'conversation_not_found');
    const id = idOf(answer.json);
    if (!id) return { kind: 'retry', error: 'Teams answered without an activity id' };
    return { kind: 'delivered', activityId: teamsActivityId(id), ...(created ? { reference } : {}) };
  }

  async update(
    reference: ConversationReference,
    activityId: TeamsActivityId,
    message: OutgoingChat,
  ): Promise<ChatSendResult> {
    const body = {
      type: 'message',
      id: activityId,
      text: renderAgentMessage(message),
      textFormat: 'markdown',
    };
    const answer = await connectorCall(this.call, 'PUT', activityUrl(reference, activityId), body);
    if (answer.kind === 'ok') return { kind: 'delivered', activityId };
    return notFoundAs(answer, 'message_not_found');
  }

  async delete(reference: ConversationReference, activityId: TeamsActivityId): Promise<ChatSendResult> {
    const answer = await connectorCall(this.call, 'DELETE', activityUrl(reference, activityId));
    // Already gone is what was asked for.
    if (answer.kind === 'ok' || (answer.kind === 'failed' && answer.code === 'not_found'))
      return { kind: 'delivered', activityId };
    return answer;
  }

  /** The 1:1 chat of the bot and the user (Teams answers the same id for the same pair). */
  private async createConversation(
    recipient: ChatRecipient,
  ): Promise<ConversationReference | Exclude<ChatSendResult, { kind: 'delivered' }>> {
    const { botId, tenantId, serviceUrl } = this.settings;
    const tenant = tenantId ? { tenantId, channelData: { tenant: { id: tenantId } } } : {};
    const body = {
      isGroup: false,
      bot: { id: botId ? `28:${botId}` : 'switchboard-bot' },
      members: [{ id: recipient.teamsUserId }],
      ...tenant,
    };
    const answer = await connectorCall(this.call, 'POST', base(serviceUrl), body);
    if (answer.kind !== 'ok') return answer;
    const id = idOf(answer.json);
    if (!id) return { kind: 'retry', error: 'Teams created a chat without an id' };
    return {
      teamsUserId: recipient.teamsUserId,
      tenantId: tenantId ?? '',
      serviceUrl,
      conversationId: id,
      updatedAt: new Date(this.call.now()).toISOString(),
    };
  }
}

/** A 404 says what was not found: the chat (send) or the message (update). */
function notFoundAs(answer: Exclude<CallAnswer, { kind: 'ok' }>, code: string): ChatSendResult {
  return answer.kind === 'failed' && answer.code === 'not_found' ? { ...answer, code } : answer;
}

function idOf(json: unknown): string | null {
  const id = (json as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}
