// Generators shared by the property tests: valid contact-center events (every type), RFC 3339 times, and
// valid presence profiles built from the same vocabulary Graph uses.
import fc from 'fast-check';
import { SETTABLE_PRESENCES } from '../../src/domain/presence';
import type { ProfileDocument } from '../../src/domain/profile-schema';

/** Ids every version of the id rule accepts: printable, no surrounding spaces, short. */
export const idArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,40}$/);

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The instant `ms` written in RFC 3339 at the given offset (minutes east of UTC), with or without millis. */
export function rfc3339(ms: number, offsetMinutes: number, millis: boolean): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString();
  const fraction = millis || ms % 1000 !== 0 ? local.slice(19, 23) : '';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const zone =
    offsetMinutes === 0 && !millis
      ? 'Z'
      : `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  return `${local.slice(0, 19)}${fraction}${zone}`;
}

export const offsetArb = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });
const YEAR_2000 = Date.UTC(2000, 0, 1);

/** A valid occurredAt for service time `nowMs`: any time from 2000 up to 5 minutes ahead. */
export const occurredAtArb = (nowMs: number) =>
  fc
    .tuple(fc.integer({ min: YEAR_2000, max: nowMs + 5 * 60_000 }), offsetArb, fc.boolean())
    .map(([ms, offset, millis]) => rfc3339(ms, offset, millis));

export const STATES = ['Available', 'Busy', 'Break', 'Work Offline'] as const;
const emailArb = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/), fc.stringMatching(/^[a-z]{1,10}$/))
  .map(([local, domain]) => `${local}@${domain}.test`);
const textArb = fc.string({ minLength: 1, maxLength: 80 });

const fieldsByType = {
  'agent.state': fc.record(
    { state: fc.constantFrom(...STATES), changedBy: fc.constantFrom('agent', 'system') },
    { requiredKeys: ['state'] },
  ),
  'agent.upsert': fc.record(
    {
      email: emailArb,
      displayName: fc.string({ minLength: 1, maxLength: 40 }),
      identities: fc.array(fc.stringMatching(/^[a-z-]{1,20}$/), { maxLength: 4 }),
    },
    { requiredKeys: ['email', 'displayName'] },
  ),
  'agent.remove': fc.constant({}),
  'chat.message': fc.record(
    {
      messageId: idArb,
      to: fc.oneof(fc.record({ teamsUserId: idArb }), fc.record({ upn: emailArb })),
      text: textArb,
      conversationId: idArb,
    },
    { requiredKeys: ['messageId', 'to', 'text'] },
  ),
  'chat.edit': fc.record({ messageId: idArb, text: textArb }),
  'chat.delete': fc.record({ messageId: idArb }),
} as const;

export type EventType = keyof typeof fieldsByType;
export const EVENT_TYPES = Object.keys(fieldsByType) as EventType[];

/** One valid event of any type, as a contact center would post it. */
export const eventArb = (nowMs: number) =>
  fc
    .tuple(fc.constantFrom(...EVENT_TYPES), idArb, idArb, occurredAtArb(nowMs))
    .chain(([type, id, agentId, occurredAt]) =>
      (fieldsByType[type] as fc.Arbitrary<Record<string, unknown>>).map((fields) => ({
        id,
        type,
        occurredAt,
        agentId,
        ...fields,
      })),
    );

const PRESENCE_WORDS = [
  'Available',
  'Busy',
  'Away',
  'DoNotDisturb',
  'InACall',
  'InAMeeting',
  'Presenting',
  'Offline',
  'BeRightBack',
  'Focusing',
];
export const presenceArb = fc.record({
  availability: fc.oneof(fc.constantFrom(...PRESENCE_WORDS), fc.string({ maxLength: 12 })),
  activity: fc.oneof(fc.constantFrom(...PRESENCE_WORDS), fc.string({ maxLength: 12 })),
});

// Built from words rather than a regex (far cheaper to generate); "toString" and "constructor" check that state
// names never meet Object.prototype.
const STATE_WORDS = [
  'Ready',
  'On Call',
  'Break',
  'Lunch',
  'Wrap-up',
  'Offline',
  'Available',
  'toString',
  'constructor',
];
const stateName = fc
  .tuple(fc.constantFrom(...STATE_WORDS), fc.nat(30))
  .map(([word, n]) => (n === 0 ? word : `${word} ${n}`));

/** A valid profile document: base states with settable/noChange/clear targets, custom states on them, rules. */
export const profileDocArb: fc.Arbitrary<ProfileDocument> = fc
  .uniqueArray(stateName, { minLength: 1, maxLength: 8, selector: (s) => s.toLowerCase() })
  .chain((names) => {
    const baseCount = Math.max(1, Math.ceil(names.length / 2));
    const bases = names.slice(0, baseCount);
    const customs = names.slice(baseCount);
    const baseTarget = fc.oneof(
      fc.constant('noChange' as const),
      fc.constant('clear' as const),
      fc.constantFrom(...SETTABLE_PRESENCES).map((p) => ({ ...p })),
    );
    const rule = fc
      .record(
        {
          availability: fc.constantFrom(...PRESENCE_WORDS),
          activity: fc.constantFrom(...PRESENCE_WORDS),
          request: fc.option(fc.constantFrom(...names), { nil: null }),
        },
        { requiredKeys: ['request'] },
      )
      .filter((r) => r.availability !== undefined || r.activity !== undefined);
    return fc.record({
      id: fc.constantFrom('acme', 'custom-1', 'x'),
      displayName: stateName,
      availableState: fc.constantFrom(...names),
      ccToTeams: fc
        .tuple(
          fc.array(baseTarget, { minLength: bases.length, maxLength: bases.length }),
          fc.array(fc.constantFrom(...bases), { minLength: customs.length, maxLength: customs.length }),
        )
        .map(([targets, baseOfCustom]) => ({
          ...Object.fromEntries(bases.map((b, i) => [b, targets[i] ?? 'noChange'])),
          ...Object.fromEntries(customs.map((c, i) => [c, { base: baseOfCustom[i] ?? bases[0] ?? '' }])),
        })),
      teamsToCc: fc.array(rule, { maxLength: 6 }),
    });
  });
