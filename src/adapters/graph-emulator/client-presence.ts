// The values a user's own Teams client can show (Microsoft Learn, resources/presence): the control route and
// the CLI refuse anything else, so a typo ("Bussy") is an error rather than a presence nobody can read.
import type { TeamsPresence } from '../../domain/presence';

export const CLIENT_AVAILABILITIES: readonly string[] = [
  'Available',
  'AvailableIdle',
  'Away',
  'BeRightBack',
  'Busy',
  'BusyIdle',
  'DoNotDisturb',
  'Offline',
  'PresenceUnknown',
];

export const CLIENT_ACTIVITIES: readonly string[] = [
  'Available',
  'Away',
  'BeRightBack',
  'Busy',
  'DoNotDisturb',
  'Focusing',
  'InACall',
  'InAConferenceCall',
  'Inactive',
  'InAMeeting',
  'Offline',
  'OffWork',
  'OutOfOffice',
  'PresenceUnknown',
  'Presenting',
  'UrgentInterruptionsOnly',
];

/** null when both values are known; otherwise a message naming the bad value and the valid ones. */
export function clientPresenceProblem(p: TeamsPresence): string | null {
  if (!CLIENT_AVAILABILITIES.includes(p.availability))
    return `availability must be one of ${CLIENT_AVAILABILITIES.join(', ')} (got "${p.availability}")`;
  if (!CLIENT_ACTIVITIES.includes(p.activity))
    return `activity must be one of ${CLIENT_ACTIVITIES.join(', ')} (got "${p.activity}")`;
  return null;
}
