// One delivery attempt of the head of a conversation's chat outbox: the relay rules decide what the agent's
// message means given the id map, the transport does it, and the outcome becomes one completion.
import type { TeamsUserId } from '../domain/ids';
import type { ChatCompletion, ChatOutboxEntry, ChatStore } from '../ports/chat-store.port';
import type { ChatSendResult, ChatTransport } from '../ports/chat-transport.port';
import { planCcDelivery, type CcDeliveryPlan } from './cc-delivery-rules';
import type { MessageMapping } from './message-mapping';

export type AttemptResult =
  | { readonly kind: 'complete'; readonly completion: ChatCompletion }
  | Extract<ChatSendResult, { kind: 'retry' }>;

export async function attemptDelivery(
  chat: ChatStore,
  transport: ChatTransport,
  entry: ChatOutboxEntry,
): Promise<AttemptResult> {
  const { message } = entry;
  const mapping = await chat.mappingByCc(message.messageId);
  const plan = planCcDelivery(message, mapping);
  if (plan.action === 'fail') return failed(plan.code, plan.message);
  if (plan.action === 'done') return { kind: 'complete', completion: { outcome: { status: 'delivered' } } };
  const userId = message.conversationKey as string as TeamsUserId;
  const reference = await chat.conversationByUser(userId);
  const result = await call(transport, plan, { teamsUserId: userId, reference }, entry);
  if (result.kind === 'retry') return result;
  if (result.kind === 'failed') return failed(result.code, result.message);
  return { kind: 'complete', completion: delivered(entry, plan, mapping, result) };
}

async function call(
  transport: ChatTransport,
  plan: Exclude<CcDeliveryPlan, { action: 'fail' | 'done' }>,
  recipient: Parameters<ChatTransport['send']>[0],
  entry: ChatOutboxEntry,
): Promise<ChatSendResult> {
  const sender = entry.message.sender;
  if (sender.kind !== 'agent')
    return { kind: 'failed', code: 'not_an_agent_message', message: 'Not an agent message.' };
  const outgoing = { agentId: sender.agentId, text: entry.message.text ?? '' };
  try {
    if (plan.action === 'send') return await transport.send(recipient, outgoing);
    if (!recipient.reference)
      return {
        kind: 'failed',
        code: 'conversation_not_found',
        message: 'No chat is known for this Teams user.',
      };
    if (plan.action === 'update')
      return await transport.update(recipient.reference, plan.activityId, outgoing);
    return await transport.delete(recipient.reference, plan.activityId);
  } catch (error) {
    // The port promises never to throw; if an adapter does, the message is kept and tried again.
    return { kind: 'retry', error: `transport threw: ${String(error)}` };
  }
}

function delivered(
  entry: ChatOutboxEntry,
  plan: Exclude<CcDeliveryPlan, { action: 'fail' | 'done' }>,
  mapping: MessageMapping | null,
  result: Extract<ChatSendResult, { kind: 'delivered' }>,
): ChatCompletion {
  const { message } = entry;
  const reference = result.reference ? { reference: result.reference } : {};
  if (plan.action === 'send' && message.sender.kind === 'agent') {
    const agentId = message.sender.agentId;
    const entryOf: MessageMapping = {
      ccMessageId: message.messageId,
      teamsActivityId: result.activityId,
      conversationKey: message.conversationKey,
      agentId,
      origin: 'cc',
      deletedAt: null,
    };
    return { outcome: { status: 'delivered' }, mapping: entryOf, lastAgent: agentId, ...reference };
  }
  if (plan.action === 'delete' && mapping)
    return { outcome: { status: 'delivered' }, mapping: { ...mapping, deletedAt: message.at }, ...reference };
  return { outcome: { status: 'delivered' }, ...reference };
}

function failed(code: string, message: string): AttemptResult {
  return { kind: 'complete', completion: { outcome: { status: 'failed', code, message } } };
}
