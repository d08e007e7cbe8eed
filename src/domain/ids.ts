// Branded ids: the contact center's ids and Microsoft's ids cannot be mixed up by accident.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** The contact center's agent id (e.g. "A100"). */
export type AgentId = Brand<string, 'AgentId'>;
/** A Microsoft Entra object id of a Teams user. */
export type TeamsUserId = Brand<string, 'TeamsUserId'>;
/** The idempotency key of an inbound contact-center event. */
export type CcEventId = Brand<string, 'CcEventId'>;

export const agentId = (value: string): AgentId => value as AgentId;
export const teamsUserId = (value: string): TeamsUserId => value as TeamsUserId;
export const ccEventId = (value: string): CcEventId => value as CcEventId;

/** The contact center's id of a chat message (chat.message/edit/delete `messageId`). */
export type CcMessageId = Brand<string, 'CcMessageId'>;
/** A Bot Framework activity id of a message in a Teams user's 1:1 chat with the bot. */
export type TeamsActivityId = Brand<string, 'TeamsActivityId'>;
/** One chat between the bot and a Teams user: that user's Entra object id, whatever agent writes in it. */
export type ConversationKey = Brand<string, 'ConversationKey'>;

export const ccMessageId = (value: string): CcMessageId => value as CcMessageId;
export const teamsActivityId = (value: string): TeamsActivityId => value as TeamsActivityId;
export const conversationKey = (value: string): ConversationKey => value as ConversationKey;
