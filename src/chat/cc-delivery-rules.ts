// Relay rules, contact center → Teams: what an agent's post, edit or delete means given what the id map
// says about that message. Pure; the dispatcher applies the plan at the head of the conversation's queue.
import type { TeamsActivityId } from '../domain/ids';
import type { ChatMessage } from './chat-message';
import type { MessageMapping } from './message-mapping';

export type CcDeliveryPlan =
  | { readonly action: 'send'; readonly why: 'new' | 'undelete' }
  | { readonly action: 'update'; readonly activityId: TeamsActivityId }
  | { readonly action: 'delete'; readonly activityId: TeamsActivityId }
  /** Already done (a repeated post, a second delete): report delivered, call nothing. */
  | { readonly action: 'done'; readonly reason: string }
  | { readonly action: 'fail'; readonly code: string; readonly message: string };

export function planCcDelivery(message: ChatMessage, mapping: MessageMapping | null): CcDeliveryPlan {
  if (message.sender.kind !== 'agent')
    return fail('not_an_agent_message', 'Only agent messages go to Teams.');
  if (mapping && (mapping.origin !== 'cc' || mapping.agentId !== message.sender.agentId))
    return fail('not_your_message', `Message ${message.messageId} was not written by this agent.`);
  switch (message.kind) {
    case 'post':
      if (!mapping) return { action: 'send', why: 'new' };
      // Undelete is a re-post of the same id: it gets a new Teams activity and the map follows it.
      if (mapping.deletedAt) return { action: 'send', why: 'undelete' };
      return { action: 'done', reason: 'already delivered' };
    case 'edit':
      if (!mapping) return unknown(message);
      if (mapping.deletedAt)
        return fail('message_deleted', `Message ${message.messageId} was deleted; it cannot be edited.`);
      return { action: 'update', activityId: mapping.teamsActivityId };
    case 'delete':
      if (!mapping) return unknown(message);
      if (mapping.deletedAt) return { action: 'done', reason: 'already deleted' };
      return { action: 'delete', activityId: mapping.teamsActivityId };
    default:
      return fail('unsupported_kind', `Agents cannot send a ${message.kind} to Teams.`);
  }
}

function unknown(message: ChatMessage): CcDeliveryPlan {
  return fail('unknown_message', `Message ${message.messageId} was never delivered to Teams.`);
}

function fail(code: string, message: string): CcDeliveryPlan {
  return { action: 'fail', code, message };
}
