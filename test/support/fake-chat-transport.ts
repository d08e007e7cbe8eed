// A hand-written ChatTransport that answers like the Bot Connector: users without the app get 403
// (app_not_installed), injected faults (429 with Retry-After, 502, ...) are answered in turn, and every call
// is recorded with the fake clock's time so tests can check order, count and rate.
import { teamsActivityId, type TeamsActivityId, type TeamsUserId } from '../../src/domain/ids';
import type { ConversationReference } from '../../src/ports/chat-store.port';
import type {
  ChatRecipient,
  ChatSendResult,
  ChatTransport,
  OutgoingChat,
} from '../../src/ports/chat-transport.port';

export interface TransportCall {
  readonly op: 'send' | 'update' | 'delete';
  readonly at: number;
  readonly conversationId: string;
  readonly activityId?: TeamsActivityId;
  readonly text?: string;
  readonly result: ChatSendResult['kind'];
}

/** A message as the Teams user would now see it. */
export interface ShownMessage {
  readonly activityId: TeamsActivityId;
  readonly conversationId: string;
  text: string;
  deleted: boolean;
}

export class FakeChatTransport implements ChatTransport {
  readonly calls: TransportCall[] = [];
  readonly shown: ShownMessage[] = [];
  /** Users who have the app: only they can be written to. */
  readonly installed = new Set<string>();
  private faults: ChatSendResult[] = [];
  private nextId = 1;

  constructor(private readonly now: () => number) {}

  /** The next `count` calls fail with `result` (e.g. a 429 with Retry-After). */
  inject(result: ChatSendResult, count = 1): void {
    for (let i = 0; i < count; i++) this.faults.push(result);
  }

  async send(recipient: ChatRecipient, message: OutgoingChat): Promise<ChatSendResult> {
    const conversationId = recipient.reference?.conversationId ?? `a:1:1-${recipient.teamsUserId}`;
    const refused = this.fault() ?? this.notInstalled(recipient.teamsUserId);
    if (refused) return this.record('send', conversationId, refused, undefined, message.text);
    const activityId = teamsActivityId(`act-${this.nextId++}`);
    this.shown.push({ activityId, conversationId, text: this.render(message), deleted: false });
    const created = recipient.reference ? {} : { reference: this.reference(recipient.teamsUserId) };
    return this.record(
      'send',
      conversationId,
      { kind: 'delivered', activityId, ...created },
      activityId,
      message.text,
    );
  }

  async update(
    reference: ConversationReference,
    activityId: TeamsActivityId,
    message: OutgoingChat,
  ): Promise<ChatSendResult> {
    const refused = this.fault() ?? this.missing(activityId);
    if (refused) return this.record('update', reference.conversationId, refused, activityId, message.text);
    const shown = this.shown.find((m) => m.activityId === activityId);
    if (shown) shown.text = this.render(message);
    return this.record(
      'update',
      reference.conversationId,
      { kind: 'delivered', activityId },
      activityId,
      message.text,
    );
  }

  async delete(reference: ConversationReference, activityId: TeamsActivityId): Promise<ChatSendResult> {
    const refused = this.fault();
    if (refused) return this.record('delete', reference.conversationId, refused, activityId);
    const shown = this.shown.find((m) => m.activityId === activityId);
    if (shown) shown.deleted = true;
    return this.record('delete', reference.conversationId, { kind: 'delivered', activityId }, activityId);
  }

  private render(message: OutgoingChat): string {
    return `${message.agentId}: ${message.text}`;
  }

  private reference(userId: TeamsUserId): ConversationReference {
    return {
      teamsUserId: userId,
      tenantId: 'tenant-1',
      serviceUrl: 'https://smba.fake.test/teams/',
      conversationId: `a:1:1-${userId}`,
      updatedAt: new Date(this.now()).toISOString(),
    };
  }

  private fault(): ChatSendResult | undefined {
    return this.faults.shift();
  }

  private notInstalled(userId: TeamsUserId): ChatSendResult | undefined {
    if (this.installed.has(userId)) return undefined;
    return {
      kind: 'failed',
      code: 'app_not_installed',
      message: 'Teams answered 403: the user has not installed the app.',
    };
  }

  private missing(activityId: TeamsActivityId): ChatSendResult | undefined {
    const shown = this.shown.find((m) => m.activityId === activityId);
    if (shown && !shown.deleted) return undefined;
    return { kind: 'failed', code: 'message_not_found', message: `Teams has no message ${activityId}.` };
  }

  private record(
    op: TransportCall['op'],
    conversationId: string,
    result: ChatSendResult,
    activityId?: TeamsActivityId,
    text?: string,
  ): ChatSendResult {
    this.calls.push({ op, at: this.now(), conversationId, activityId, text, result: result.kind });
    return result;
  }
}
