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
