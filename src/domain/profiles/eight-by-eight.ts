// 8x8 Contact Center (Agent Workspace) with bi-directional Presence Sync. Agent-state tables: seed 000
// ("8x8 Presence Sync: Sync your status between 8x8 Agent Workspace and Microsoft Teams"); directory (UC
// presence) tables: seed 001 ("8x8 Presence Sync with Microsoft Teams", Presence Status Mapping).
import type { ProfileDocument } from '../profile-document';
import { parseProfile } from '../profile-schema';

export const eightByEightDocument: ProfileDocument = {
  id: '8x8',
  displayName: '8x8',
  availableState: 'Available',
  ccToTeams: {
    Available: { availability: 'Available', activity: 'Available' },
    Busy: { availability: 'Busy', activity: 'InACall' },
    'Work Offline': 'noChange',
    Break: 'noChange',
    'Wrap-up': 'noChange',
  },
  teamsToCc: [
    // "In a call → Work Offline": only while Available, so the agent is not offered customer calls.
    { activity: 'InACall', request: 'Work Offline' },
    { activity: 'InAConferenceCall', request: 'Work Offline' },
    // Not in the seed. Teams shows these as Busy/DND, but users complain when a meeting is treated as a call,
    // so they change nothing by default; an admin can give them a request in a custom profile.
    { activity: 'InAMeeting', request: null },
    { activity: 'Presenting', request: null },
    { activity: 'Focusing', request: null },
    // The restore trigger: the Teams call is over, so the agent goes back to Available.
    { availability: 'Available', request: 'Available' },
    { availability: 'Busy', request: null },
    { availability: 'DoNotDisturb', request: null },
    // "Appear offline" reads as availability Offline.
    { availability: 'Offline', request: null },
    { availability: 'BeRightBack', request: null },
  ],
  directory: {
    teamsToVendor: [
      { activity: 'InACall', presence: 'onCall' },
      { activity: 'InAConferenceCall', presence: 'onCall' },
      { activity: 'InAMeeting', presence: 'onCall' },
      { activity: 'Presenting', presence: 'doNotDisturb' },
      { activity: 'Focusing', presence: 'doNotDisturb' },
      // "Available, Out of Office" is Available; plain "Out of Office" is offline.
      { availability: 'Available', activity: 'OutOfOffice', presence: 'Available' },
      { activity: 'OutOfOffice', presence: 'offline' },
      { availability: 'Available', presence: 'Available' },
      // Not in the seed: Teams shows the idle variants as Available and Busy.
      { availability: 'AvailableIdle', presence: 'Available' },
      { availability: 'Busy', presence: 'Busy' },
      { availability: 'BusyIdle', presence: 'Busy' },
      { availability: 'DoNotDisturb', presence: 'doNotDisturb' },
      { availability: 'Away', presence: 'away' },
      { availability: 'BeRightBack', presence: 'away' },
      { availability: 'Offline', presence: 'offline' },
      { availability: 'PresenceUnknown', presence: 'offline' },
    ],
    // Graph can only show 8x8 users as on a call; every other 8x8 presence is "No sync".
    vendorToTeams: {
      Available: 'noChange',
      Busy: 'noChange',
      onCall: { availability: 'Busy', activity: 'InACall' },
      doNotDisturb: 'noChange',
      away: 'noChange',
      offline: 'noChange',
    },
  },
  // Teams shows nothing for these states (seed 000: "No change to the status"), so colleagues see why the
  // agent does not answer. 8x8 has no end-of-shift agent state, and seed 001 syncs offline as "No sync": no shiftEnd.
  statusMessages: {
    // Break only: a message on every wrap-up would cost two more presence writes per call (set and clear)
    // inside the tenant's Graph quota. A profile may add one (PUT /api/admin/mapping).
    Break: { message: 'On break, back soon' },
  },
};

export const eightByEight = parseProfile(eightByEightDocument);
