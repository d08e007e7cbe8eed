// Shared chat samples: one Teams user's conversation, two agents, and map entries in every state.
import type { ChatMessage } from '../../src/chat/chat-message';
import type { MessageMapping } from '../../src/chat/message-mapping';
import type { TeamsInbound } from '../../src/chat/teams-relay-rules';
import { agentId, ccMessageId, conversationKey, teamsActivityId, teamsUserId } from '../../src/domain/ids';

export const ANN = agentId('A-ann');
export const BOB = agentId('A-bob');
export const USER = teamsUserId('u-1111');
export const KEY = conversationKey(USER);
export const AT = '2025-01-06T09:00:00.000Z';

export function agentMessage(kind: ChatMessage['kind'], id: string, agent = ANN): ChatMessage {
  return {
    origin: 'cc',
    conversationKey: KEY,
    messageId: ccMessageId(id),
    kind,
    ...(kind === 'post' || kind === 'edit' ? { text: `text of ${id}` } : {}),
    sender: { kind: 'agent', agentId: agent },
    at: AT,
  };
}

export function mapping(
  cc: string,
  activity: string,
  options: Partial<Pick<MessageMapping, 'origin' | 'agentId' | 'deletedAt'>> = {},
): MessageMapping {
  return {
    ccMessageId: ccMessageId(cc),
    teamsActivityId: teamsActivityId(activity),
    conversationKey: KEY,
    agentId: options.agentId ?? ANN,
    origin: options.origin ?? 'cc',
    deletedAt: options.deletedAt ?? null,
  };
}

export function fromUser(
  kind: TeamsInbound['kind'],
  activity: string,
  extra: Partial<TeamsInbound> = {},
): TeamsInbound {
  return {
    kind,
    conversationKey: KEY,
    activityId: teamsActivityId(activity),
    sender: { kind: 'user', teamsUserId: USER, displayName: 'Uma User' },
    ...(kind === 'post' || kind === 'edit' || kind === 'undelete' ? { text: `user says ${activity}` } : {}),
    at: AT,
    ...extra,
  };
}
