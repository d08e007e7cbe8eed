// Richer presence in Teams (issue #10 part 3): a status message per contact-center state, and a preferred
// presence while the agent's shift is over. Pure: given the profile, the agent's state and what we last set,
// it says which Graph calls bring Teams to the goal, each with a reason a person can read.
import { describePresence, samePresence, type TeamsPresence } from './presence';
import type { PresenceProfile } from './profile';

export type { ShiftEndTarget, StatusMessageTarget } from './profile';

/** What we last set at Graph for the agent (stored with the agent's sync state, so nothing is set twice). */
export interface AppliedRichPresence {
  readonly statusMessage: { readonly message: string; readonly expiresAt?: string } | null;
  readonly preferredPresence: TeamsPresence | null;
}

export const NO_RICH_PRESENCE: AppliedRichPresence = { statusMessage: null, preferredPresence: null };

/** The Teams limit for a status message, in characters; the profile check keeps messages within it. */
export const MAX_STATUS_MESSAGE_LENGTH = 280;
/** A week: longer is not a status message for one contact-center state. */
export const MAX_STATUS_MESSAGE_MINUTES = 7 * 24 * 60;

/** setUserPreferredPresence's combinations (Microsoft Learn, presence-setuserpreferredpresence). */
export const PREFERRED_PRESENCES: readonly TeamsPresence[] = [
  { availability: 'Available', activity: 'Available' },
  { availability: 'Busy', activity: 'Busy' },
  { availability: 'DoNotDisturb', activity: 'DoNotDisturb' },
  { availability: 'BeRightBack', activity: 'BeRightBack' },
  { availability: 'Away', activity: 'Away' },
  { availability: 'Offline', activity: 'OffWork' },
];

export const isPreferrable = (p: TeamsPresence): boolean =>
  PREFERRED_PRESENCES.some((s) => samePresence(s, p));

/** "Offline", "Do not disturb": what Teams shows for a preferred presence (its availability). */
export const describePreferred = (p: TeamsPresence): string =>
  describePresence({ availability: p.availability, activity: p.availability });

export type RichAction =
  | { readonly kind: 'setStatusMessage'; readonly message: string; readonly expiresAfterMinutes?: number }
  | { readonly kind: 'clearStatusMessage' }
  | { readonly kind: 'setPreferredPresence'; readonly presence: TeamsPresence }
  | { readonly kind: 'clearPreferredPresence' };

export interface RichStep {
  readonly action: RichAction;
  readonly reason: string;
}

export interface RichPresenceInput {
  readonly profile: PresenceProfile;
  /** null: the agent has no contact-center state (removed, or none yet). */
  readonly state: string | null;
  readonly applied: AppliedRichPresence;
  /** Epoch ms, to know a message Graph has already dropped. */
  readonly now: number;
}

const ownTarget = <T>(map: Readonly<Record<string, T>> | undefined, key: string | null): T | undefined =>
  map && key !== null && Object.hasOwn(map, key) ? map[key] : undefined;

export interface RichPlan {
  /** What is set before the steps: `applied` without a message Graph has already dropped by itself. */
  readonly start: AppliedRichPresence;
  /** The calls to make, in order; none when Teams already shows what the profile asks for. */
  readonly steps: readonly RichStep[];
}

export function planRichPresence(input: RichPresenceInput): RichPlan {
  const current = input.applied.statusMessage;
  const lapsed = current?.expiresAt !== undefined && Date.parse(current.expiresAt) <= input.now;
  const wanted = ownTarget(input.profile.statusMessages, input.state);
  // A lapsed message needs no clearing call; the same text still wanted is left alone (it expired on purpose).
  const start =
    lapsed && wanted?.message !== current.message ? { ...input.applied, statusMessage: null } : input.applied;
  const steps = [statusMessageStep({ ...input, applied: start }), preferredStep(input)];
  return { start, steps: steps.filter((s): s is RichStep => s !== null) };
}

function statusMessageStep({ profile, state, applied }: RichPresenceInput): RichStep | null {
  const suffix = `(${profile.displayName} profile)`;
  const target = ownTarget(profile.statusMessages, state);
  const current = applied.statusMessage;
  const went = state === null ? 'Agent has no contact-center state' : `Agent went ${state}`;
  if (target) {
    if (current && current.message === target.message) return null;
    const action: RichAction = {
      kind: 'setStatusMessage',
      message: target.message,
      ...(target.expiresAfterMinutes !== undefined && { expiresAfterMinutes: target.expiresAfterMinutes }),
    };
    return { action, reason: `${went} → status message '${target.message}' ${suffix}` };
  }
  if (!current) return null;
  return {
    action: { kind: 'clearStatusMessage' },
    reason: `${went} → status message '${current.message}' cleared ${suffix}`,
  };
}

function preferredStep({ profile, state, applied }: RichPresenceInput): RichStep | null {
  const suffix = `(${profile.displayName} profile)`;
  const shiftEnd = profile.shiftEnd;
  const ended = shiftEnd !== undefined && state !== null && shiftEnd.states.includes(state);
  const current = applied.preferredPresence;
  if (ended) {
    if (current && samePresence(current, shiftEnd.presence)) return null;
    const shown = describePreferred(shiftEnd.presence);
    return {
      action: { kind: 'setPreferredPresence', presence: shiftEnd.presence },
      reason: `Agent went ${state}: shift ended → Teams shows ${shown} even with Teams open ${suffix}`,
    };
  }
  if (!current) return null;
  const why = state === null ? 'Agent has no contact-center state' : `Agent went ${state}: shift started`;
  return {
    action: { kind: 'clearPreferredPresence' },
    reason: `${why} → preferred presence ${describePreferred(current)} cleared, Teams shows the agent's presence again ${suffix}`,
  };
}

/** What is set once the step's call has succeeded (or was refused for good: we do not ask again). */
export function afterRichStep(
  applied: AppliedRichPresence,
  action: RichAction,
  now: number,
): AppliedRichPresence {
  switch (action.kind) {
    case 'setStatusMessage': {
      const minutes = action.expiresAfterMinutes;
      const expiresAt = minutes === undefined ? undefined : new Date(now + minutes * 60_000).toISOString();
      return {
        ...applied,
        statusMessage: { message: action.message, ...(expiresAt !== undefined && { expiresAt }) },
      };
    }
    case 'clearStatusMessage':
      return { ...applied, statusMessage: null };
    case 'setPreferredPresence':
      return { ...applied, preferredPresence: action.presence };
    case 'clearPreferredPresence':
      return { ...applied, preferredPresence: null };
  }
}
