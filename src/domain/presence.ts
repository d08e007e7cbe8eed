// The Teams presence model. Availability and activity are open strings: Microsoft adds values over time
// (e.g. "Focusing"), so unknown values pass through rather than fail.

export interface TeamsPresence {
  readonly availability: string;
  readonly activity: string;
}

/** The availability/activity pairs Graph's setPresence accepts (Microsoft Learn, presence-setpresence). */
export const SETTABLE_PRESENCES: readonly TeamsPresence[] = [
  { availability: 'Available', activity: 'Available' },
  { availability: 'Busy', activity: 'InACall' },
  { availability: 'Busy', activity: 'InAConferenceCall' },
  { availability: 'Away', activity: 'Away' },
  { availability: 'DoNotDisturb', activity: 'Presenting' },
];

export function samePresence(a: TeamsPresence, b: TeamsPresence): boolean {
  return a.availability === b.availability && a.activity === b.activity;
}

export function isSettable(p: TeamsPresence): boolean {
  return SETTABLE_PRESENCES.some((s) => samePresence(s, p));
}

const ACTIVITY_LABELS: Readonly<Record<string, string>> = {
  Available: 'Available',
  AvailableIdle: 'Available',
  Away: 'Away',
  BeRightBack: 'Be right back',
  Busy: 'Busy',
  BusyIdle: 'Busy',
  DoNotDisturb: 'Do not disturb',
  InACall: 'In a call',
  InAConferenceCall: 'In a conference call',
  InAMeeting: 'In a meeting',
  Inactive: 'Inactive',
  Offline: 'Offline',
  OffWork: 'Off work',
  OutOfOffice: 'Out of office',
  PresenceUnknown: 'Status unknown',
  Presenting: 'Presenting',
  Focusing: 'Focusing',
  UrgentInterruptionsOnly: 'Urgent interruptions only',
};

/** What a person sees in Teams for this presence, e.g. "In a call". */
export function describePresence(p: TeamsPresence): string {
  return ACTIVITY_LABELS[p.activity] ?? ACTIVITY_LABELS[p.availability] ?? `${p.availability}/${p.activity}`;
}
