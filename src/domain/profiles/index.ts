// The built-in profiles, selected by PRESENCE_PROFILE=8x8 | vonage | dynamics365.
import type { PresenceProfile } from '../profile';
import { dynamics365 } from './dynamics365';
import { eightByEight } from './eight-by-eight';
import { vonage } from './vonage';

export const builtInProfiles: readonly PresenceProfile[] = [eightByEight, vonage, dynamics365];

/** The built-in profile with this id, or null (then PRESENCE_PROFILE is a path to a custom profile). */
export function builtInProfile(id: string): PresenceProfile | null {
  return builtInProfiles.find((p) => p.id === id) ?? null;
}
