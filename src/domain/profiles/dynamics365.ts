// Dynamics 365 Contact Center / Customer Service with Teams presence sync. Base statuses and the custom
// presence example ("In a Meeting" → Busy): seed 004 ("Synchronize service rep availability across platforms
// with Presence APIs").
import type { ProfileDocument } from '../profile-document';
import { parseProfile } from '../profile-schema';

export const dynamics365Document: ProfileDocument = {
  id: 'dynamics365',
  displayName: 'Dynamics 365',
  availableState: 'Available',
  ccToTeams: {
    Available: { availability: 'Available', activity: 'Available' },
    // "Busy – On a Call" in both Dynamics 365 and Teams.
    Busy: { availability: 'Busy', activity: 'InACall' },
    // Graph sets DoNotDisturb only with activity Presenting.
    'Busy-DND': { availability: 'DoNotDisturb', activity: 'Presenting' },
    Away: { availability: 'Away', activity: 'Away' },
    // End of shift: our session goes, Teams shows the user's own presence (Offline when Teams is closed).
    Offline: 'clear',
    // A custom presence state mapped to its base status (seed 004, step 5).
    'In a Meeting': { base: 'Busy' },
  },
  teamsToCc: [
    { activity: 'InACall', request: 'Busy' },
    { activity: 'InAConferenceCall', request: 'Busy' },
    { activity: 'InAMeeting', request: 'Busy' },
    { activity: 'Presenting', request: 'Busy-DND' },
    { activity: 'Focusing', request: 'Busy-DND' },
    { availability: 'DoNotDisturb', request: 'Busy-DND' },
    // The restore trigger.
    { availability: 'Available', request: 'Available' },
    { availability: 'Busy', request: null },
    { availability: 'Away', request: null },
    { availability: 'BeRightBack', request: null },
    { availability: 'Offline', request: null },
  ],
  // "When the agent's shift ends …, the API pushes an 'Offline' status to all connected platforms" (seed 004):
  // Teams shows Offline even while the Teams client is open, until the next shift starts.
  shiftEnd: { states: ['Offline'], preferredPresence: { availability: 'Offline', activity: 'OffWork' } },
};

export const dynamics365 = parseProfile(dynamics365Document);
