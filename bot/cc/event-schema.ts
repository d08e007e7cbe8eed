// Schema of POST /api/cc/events (docs/INTEGRATION.md). A batch is valid only if every event is.
import { z } from 'zod';
import { occurredAtProblem } from '../../src/domain/event-time';
import type { CcEvent } from '../../src/domain/events';
import { idSchema } from '../../src/domain/ids';
import { personKey } from '../../src/domain/person-key';

export const MAX_EVENTS_PER_BATCH = 500;
export const MAX_BODY_BYTES = 1024 * 1024;

const id = idSchema;
// occurredAt is checked whole (format, calendar, offset, future bound) in src/domain/event-time.ts.
const base = { id, occurredAt: z.string().max(64), agentId: id };

const eventSchema = z.discriminatedUnion('type', [
  z.object({
    ...base,
    type: z.literal('agent.state'),
    state: z.string().min(1).max(100),
    changedBy: z.enum(['agent', 'system']).optional(),
  }),
  z.object({
    ...base,
    type: z.literal('agent.upsert'),
    email: z.string().email().max(320),
    displayName: z.string().min(1).max(256),
    identities: z.array(z.string().min(1).max(64)).max(16).optional(),
    jobTitle: z.string().min(1).max(128).optional(),
  }),
  z.object({ ...base, type: z.literal('agent.remove') }),
  // A person, not an agent: keyed by email (the agent id is the person's queue key, set below).
  z.object({
    id,
    occurredAt: base.occurredAt,
    type: z.literal('user.presence'),
    email: z.string().email().max(320),
    presence: z.string().min(1).max(64),
  }),
  z.object({
    ...base,
    type: z.literal('chat.message'),
    messageId: id,
    to: z.union([z.object({ teamsUserId: id }), z.object({ upn: z.string().email() })]),
    text: z.string().min(1).max(28_000),
    conversationId: id.optional(),
  }),
  z.object({ ...base, type: z.literal('chat.edit'), messageId: id, text: z.string().min(1).max(28_000) }),
  z.object({ ...base, type: z.literal('chat.delete'), messageId: id }),
]);

const bodySchema = z.union([
  z.object({ events: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_BATCH) }),
  z.object({ type: z.string() }).passthrough(),
]);

export interface EventProblem {
  readonly index: number;
  readonly id?: string;
  readonly path: string;
  readonly message: string;
}

export type ParsedBatch =
  { ok: true; events: CcEvent[] } | { ok: false; message: string; details: EventProblem[] };

/** Validates a whole body; `knownStates` are the active profile's state names, `nowMs` the service clock. */
export function parseEventBatch(body: unknown, knownStates: ReadonlySet<string>, nowMs: number): ParsedBatch {
  const shape = bodySchema.safeParse(body);
  if (!shape.success) {
    const message = `Body must be one event or {"events": [...]} with 1 to ${MAX_EVENTS_PER_BATCH} events`;
    return { ok: false, message, details: [] };
  }
  const raw = 'events' in shape.data && Array.isArray(shape.data.events) ? shape.data.events : [shape.data];
  const events: CcEvent[] = [];
  const details: EventProblem[] = [];
  raw.forEach((item, index) => {
    const parsed = eventSchema.safeParse(item);
    const given: unknown = typeof item === 'object' && item && 'id' in item ? item.id : undefined;
    // Only an id that is a string or number is named back: String() of an object can throw ({"toString": ""}).
    const eventId = typeof given === 'string' || typeof given === 'number' ? String(given) : undefined;
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        details.push({ index, id: eventId, path: issue.path.join('.'), message: issue.message });
      return;
    }
    const event = withQueueKey(parsed.data);
    const timeProblem = occurredAtProblem(event.occurredAt, nowMs);
    if (timeProblem) details.push({ index, id: eventId, path: 'occurredAt', message: timeProblem });
    if (event.type === 'agent.state' && !knownStates.has(event.state)) {
      const states = [...knownStates].join(', ');
      details.push({
        index,
        id: eventId,
        path: 'state',
        message: `"${event.state}" is not a state of the active profile (${states})`,
      });
    }
    events.push(event);
  });
  if (details.length > 0)
    return {
      ok: false,
      message: `${new Set(details.map((d) => d.index)).size} invalid event(s); nothing was accepted`,
      details,
    };
  return { ok: true, events };
}

type ParsedEvent = z.infer<typeof eventSchema>;

function withQueueKey(parsed: ParsedEvent): CcEvent {
  if (parsed.type === 'user.presence') return { ...parsed, agentId: personKey(parsed.email) } as CcEvent;
  return parsed as CcEvent;
}

/** Every event type the route accepts, read from the schema (so a new type cannot be left out of a test). */
export const ACCEPTED_EVENT_TYPES: readonly CcEvent['type'][] = eventSchema.options.map(
  (option) => option.shape.type.value,
);
