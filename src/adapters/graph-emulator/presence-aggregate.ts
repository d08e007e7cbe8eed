// How Teams folds a user's presence sessions into the one presence others see (Microsoft Learn,
// "Manage presence state"): user-preferred presence wins while any session exists; among sessions
// DoNotDisturb > Busy > Available > Away; no session at all means Offline.
import type { TeamsPresence } from '../../domain/presence';

export interface SessionState extends TeamsPresence {
  readonly sessionId: string;
  readonly expiresAt: number;
  /** Monotonic write order: on equal precedence the most recent session decides the activity. */
  readonly order: number;
}

export interface PreferredState extends TeamsPresence {
  readonly expiresAt: number;
}

export const OFFLINE: TeamsPresence = { availability: 'Offline', activity: 'Offline' };

const PRECEDENCE: Readonly<Record<string, number>> = {
  DoNotDisturb: 4,
  Busy: 3,
  BusyIdle: 3,
  Available: 2,
  AvailableIdle: 2,
  Away: 1,
  BeRightBack: 1,
};

function rank(p: SessionState): number {
  return PRECEDENCE[p.availability] ?? 0;
}

/** `sessions` includes the Teams client's own session when the user is signed in there. */
export function aggregatePresence(
  sessions: readonly SessionState[],
  preferred: PreferredState | undefined,
  now: number,
): TeamsPresence {
  const live = sessions.filter((s) => s.expiresAt > now);
  if (live.length === 0) return OFFLINE;
  if (preferred && preferred.expiresAt > now) {
    return { availability: preferred.availability, activity: preferred.activity };
  }
  let winner = live[0] as SessionState;
  for (const s of live) {
    if (rank(s) > rank(winner) || (rank(s) === rank(winner) && s.order > winner.order)) winner = s;
  }
  return { availability: winner.availability, activity: winner.activity };
}
