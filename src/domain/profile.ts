// A vendor profile is data: how each contact-center state shows in Teams, and which Teams presences ask the
// contact center to change the agent's state. Built-in profiles live in src/domain/profiles/; custom ones are
// JSON files validated by parseProfile (profile-schema.ts).
import type { TeamsPresence } from './presence';

/** What Teams should show for a contact-center state. */
export type TeamsTarget =
  | { readonly kind: 'set'; readonly presence: TeamsPresence }
  /** Remove our presence session: Teams shows the user's own presence again. */
  | { readonly kind: 'clear' }
  /** Leave Teams as it is: no Graph call at all. */
  | { readonly kind: 'noChange' };

/** One Teams → contact-center rule. Rules are tried in order; the first match wins. */
export interface TeamsRule {
  /** Matches when every given field equals the observed presence (activity rules should come first). */
  readonly match: { readonly availability?: string; readonly activity?: string };
  /** The contact-center state to request, or null for "no change". */
  readonly request: string | null;
}

/** A state's status message in Teams (Graph setStatusMessage), e.g. "On break, back soon" for 8x8 Break. */
export interface StatusMessageTarget {
  readonly message: string;
  /** Minutes after which Graph drops the message by itself; none: it stays until the state ends. */
  readonly expiresAfterMinutes?: number;
}

/** End of shift (seed 004): while the agent is in one of `states`, Teams shows `presence` even with Teams open. */
export interface ShiftEndTarget {
  readonly states: readonly string[];
  /** A setUserPreferredPresence pair, e.g. Offline/OffWork. */
  readonly presence: TeamsPresence;
}

export interface PresenceProfile {
  /** Stable id, e.g. "8x8", "vonage", "dynamics365" or a custom profile's id. */
  readonly id: string;
  /** Name used in human-readable reasons, e.g. "8x8". */
  readonly displayName: string;
  /** The state in which the agent is offered work; Teams-side sync only starts from this state. */
  readonly availableState: string;
  /** Every state the profile knows, custom states already resolved to their base state's target. */
  readonly ccToTeams: Readonly<Record<string, TeamsTarget>>;
  /** Custom state → the base state it maps through (Dynamics 365 presence states). */
  readonly baseOf: Readonly<Record<string, string>>;
  readonly teamsToCc: readonly TeamsRule[];
  /** Optional directory tables (8x8 seed 001): how a Teams presence shows in the vendor's directory, and back. */
  readonly directory?: {
    readonly teamsToVendor: readonly { readonly match: TeamsRule['match']; readonly presence: string }[];
    readonly vendorToTeams: Readonly<Record<string, TeamsTarget>>;
  };
  /** Optional status messages by contact-center state; cleared when the state ends. */
  readonly statusMessages?: Readonly<Record<string, StatusMessageTarget>>;
  /** Optional end-of-shift preferred presence, cleared at the next shift start (the first other state). */
  readonly shiftEnd?: ShiftEndTarget;
}
