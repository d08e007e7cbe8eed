// Vonage Contact Center (VCC) with the Microsoft Teams integration. Tables: seed 003 ("Default VCC agent to
// Teams presence mapping", "Default Teams to VCC agent presence mapping").
import type { ProfileDocument } from '../profile-document';
import { parseProfile } from '../profile-schema';

export const vonageDocument: ProfileDocument = {
  id: 'vonage',
  displayName: 'Vonage',
  availableState: 'Ready',
  ccToTeams: {
    Ready: { availability: 'Available', activity: 'Available' },
    Away: { availability: 'Away', activity: 'Away' },
    'Extended Away': { availability: 'Away', activity: 'Away' },
    // The seed says Busy/Busy, which setPresence refuses (that pair is only a user-preferred presence). Of the
    // settable pairs, Busy/InACall keeps the Busy availability, so the agent shows red and a Busy session
    // outranks the user's Available one; only the label reads "In a call". Away would tell colleagues the
    // agent is free to be called soon, and DoNotDisturb/Presenting would silence their notifications.
    'Not Available': { availability: 'Busy', activity: 'InACall' },
    // Blank in the seed: Teams shows the user's own presence.
    'Logged out': 'clear',
  },
  teamsToCc: [
    // The restore trigger (the seed's "Available → Ready").
    { availability: 'Available', request: 'Ready' },
    { availability: 'Busy', request: 'Extended Away' },
    { availability: 'DoNotDisturb', request: 'Away' },
    { availability: 'Away', request: 'Away' },
    { availability: 'BeRightBack', request: 'Away' },
    { availability: 'Offline', request: null },
    { availability: 'PresenceUnknown', request: null },
  ],
};

export const vonage = parseProfile(vonageDocument);
