// The vendor's directory presence (e.g. 8x8 UC presence, seed 001), separate from agent states: how a Teams
// user shows in the vendor's contact directory, and what Teams shows for a vendor presence.
import type { TeamsPresence } from './presence';
import type { PresenceProfile, TeamsTarget } from './profile';
import { matchesPresence } from './teams-rules';

/** The vendor presence for this Teams presence (first matching rule), or null when the profile has none. */
export function teamsToVendorPresence(profile: PresenceProfile, presence: TeamsPresence): string | null {
  const rule = profile.directory?.teamsToVendor.find((r) => matchesPresence(r.match, presence));
  return rule?.presence ?? null;
}

/** What Teams should show for a vendor presence, or null when the profile does not know it. */
export function vendorPresenceToTeams(profile: PresenceProfile, vendorPresence: string): TeamsTarget | null {
  const table = profile.directory?.vendorToTeams;
  if (table === undefined || !Object.hasOwn(table, vendorPresence)) return null;
  return table[vendorPresence] ?? null;
}
