// Branded ids: the contact center's ids and Microsoft's ids cannot be mixed up by accident.
import { z } from 'zod';

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

export const MAX_ID_CHARS = 256;
/** Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned code points. */
const NOT_PRINTABLE = /\p{C}/u;
const SURROUNDING_SPACE = /^[\s\p{Z}]|[\s\p{Z}]$/u;

/**
 * The one rule for every id a caller hands us (agent ids, event ids, message ids, account names): 1–256
 * printable characters, no surrounding spaces. Null when valid, else why not. Ids are never trimmed or
 * rewritten, so an id that passes is stored and matched exactly as sent.
 */
export function idProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a string';
  const length = [...value].length;
  if (length < 1 || length > MAX_ID_CHARS) return `must be 1 to ${MAX_ID_CHARS} characters`;
  if (NOT_PRINTABLE.test(value)) return 'must contain printable characters only';
  if (SURROUNDING_SPACE.test(value)) return 'must not start or end with a space';
  return null;
}

/** idProblem as a zod schema, for request bodies. */
export const idSchema = z.string().superRefine((value, ctx) => {
  const problem = idProblem(value);
  if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
});

/** The contact center's id of a chat message (chat.message/edit/delete `messageId`). */
export type CcMessageId = Brand<string, 'CcMessageId'>;
/** A Bot Framework activity id of a message in a Teams user's 1:1 chat with the bot. */
export type TeamsActivityId = Brand<string, 'TeamsActivityId'>;
/** One chat between the bot and a Teams user: that user's Entra object id, whatever agent writes in it. */
export type ConversationKey = Brand<string, 'ConversationKey'>;

export const ccMessageId = (value: string): CcMessageId => value as CcMessageId;
export const teamsActivityId = (value: string): TeamsActivityId => value as TeamsActivityId;
export const conversationKey = (value: string): ConversationKey => value as ConversationKey;
