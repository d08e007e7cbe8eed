// Matching an observed Teams presence against a profile's ordered rules (Teams → contact center, and the
// directory tables). Shared so both tables follow the same "every given field equals, first match wins" rule.
import type { TeamsPresence } from './presence';
import type { PresenceProfile, TeamsRule } from './profile';

export function matchesPresence(match: TeamsRule['match'], presence: TeamsPresence): boolean {
  if (match.availability === undefined && match.activity === undefined) return false;
  if (match.availability !== undefined && match.availability !== presence.availability) return false;
  if (match.activity !== undefined && match.activity !== presence.activity) return false;
  return true;
}

/** The first Teams → contact-center rule that matches, or null when none does. */
export function findTeamsRule(profile: PresenceProfile, presence: TeamsPresence): TeamsRule | null {
  return profile.teamsToCc.find((rule) => matchesPresence(rule.match, presence)) ?? null;
}

/** A rule that asks the contact center for a state other than the available state (e.g. "Work Offline"). */
export function isRequestingRule(
  profile: PresenceProfile,
  rule: TeamsRule | null,
): rule is TeamsRule & {
  readonly request: string;
} {
  return rule !== null && rule.request !== null && rule.request !== profile.availableState;
}
