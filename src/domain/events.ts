// The canonical inbound contact-center events (docs/INTEGRATION.md), after schema validation at the edge.
import type { AgentId, CcEventId } from './ids';

interface EventBase {
  readonly id: CcEventId;
  /** RFC 3339 time the contact center says the event happened. */
  readonly occurredAt: string;
  readonly agentId: AgentId;
}

export interface AgentStateEvent extends EventBase {
  readonly type: 'agent.state';
  readonly state: string;
  readonly changedBy?: 'agent' | 'system';
}

export interface AgentUpsertEvent extends EventBase {
  readonly type: 'agent.upsert';
  readonly email: string;
  readonly displayName: string;
  readonly identities?: readonly string[];
  readonly jobTitle?: string;
}

export interface AgentRemoveEvent extends EventBase {
  readonly type: 'agent.remove';
}

export interface ChatMessageEvent extends EventBase {
  readonly type: 'chat.message';
  readonly messageId: string;
  readonly to: { readonly teamsUserId: string } | { readonly upn: string };
  readonly text: string;
  readonly conversationId?: string;
}

export interface ChatEditEvent extends EventBase {
  readonly type: 'chat.edit';
  readonly messageId: string;
  readonly text: string;
}

export interface ChatDeleteEvent extends EventBase {
  readonly type: 'chat.delete';
  readonly messageId: string;
}

/**
 * A person's unified-communications presence (e.g. 8x8 `onCall`), by email. The contact center names no agent:
 * `agentId` is the person's queue key (personKey), so a person's events are serialised like an agent's.
 */
export interface UserPresenceEvent extends EventBase {
  readonly type: 'user.presence';
  readonly email: string;
  readonly presence: string;
}

export type CcEvent =
  | AgentStateEvent
  | AgentUpsertEvent
  | AgentRemoveEvent
  | UserPresenceEvent
  | ChatMessageEvent
  | ChatEditEvent
  | ChatDeleteEvent;

/**
 * Teams-side work queued behind the same durable inbox, serialised with the agent's CC events. A rich
 * notification or a poll carries the presence; a basic notification only says it changed (read it then).
 */
export interface TeamsPresenceWork {
  readonly id: CcEventId;
  readonly type: 'teams.presence';
  readonly occurredAt: string;
  readonly agentId: AgentId;
  readonly presence?: {
    readonly availability: string;
    readonly activity: string;
    readonly sequenceNumber?: string;
  };
}

export type InboxEvent = CcEvent | TeamsPresenceWork;
