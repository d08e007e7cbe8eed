// What `presence` and `status` print for a person: the Teams presence in words, and what decides it.
import { describePresence, type TeamsPresence } from '../../src/domain/presence';

/** "Busy / In a call"; "Away" when both say the same. */
export function presenceWords(p: TeamsPresence): string {
  const availability = describePresence({ availability: p.availability, activity: p.availability });
  const activity = describePresence(p);
  return availability === activity ? activity : `${availability} / ${activity}`;
}

/** Local wall-clock time, e.g. "18:47". */
export function clockTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : at.toTimeString().slice(0, 5);
}

interface Timed extends TeamsPresence {
  readonly expirationDateTime: string;
}

/** GET /_emulator/users/{id} as the emulator answers it. */
export interface EmulatorUser {
  readonly id: string;
  readonly presence: TeamsPresence;
  readonly sessions: readonly (Timed & { readonly sessionId: string })[];
  readonly clientPresence: TeamsPresence | null;
  readonly preferredPresence: Timed | null;
}

const same = (a: TeamsPresence, b: TeamsPresence | null): boolean =>
  b !== null && a.availability === b.availability && a.activity === b.activity;

function sessionName(sessionId: string, ours: string | null): string {
  return sessionId === ours ? 'our session' : `session ${sessionId}`;
}

/** Which of the user's sources shows what Teams shows, as words for the parenthesis. */
function decidedBy(user: EmulatorUser, ours: string | null): string | null {
  const shown = user.presence;
  if (user.preferredPresence && same(shown, user.preferredPresence))
    return `set by the user, expires ${clockTime(user.preferredPresence.expirationDateTime)}`;
  const session =
    user.sessions.find((s) => s.sessionId === ours && same(shown, s)) ??
    user.sessions.find((s) => same(shown, s));
  if (session)
    return `${sessionName(session.sessionId, ours)}, expires ${clockTime(session.expirationDateTime)}`;
  if (same(shown, user.clientPresence)) return "the user's Teams client";
  if (user.sessions.length === 0 && !user.clientPresence) return 'no sessions: signed out of Teams';
  return null;
}

export function describeEmulatorUser(user: EmulatorUser, ours: string | null): string[] {
  const why = decidedBy(user, ours);
  const lines = [`Teams: ${presenceWords(user.presence)}${why ? ` (${why})` : ''}`];
  for (const s of user.sessions)
    lines.push(
      `  ${sessionName(s.sessionId, ours)}: ${presenceWords(s)}, expires ${clockTime(s.expirationDateTime)}`,
    );
  if (user.clientPresence) lines.push(`  Teams client: ${presenceWords(user.clientPresence)}`);
  if (user.preferredPresence) {
    const p = user.preferredPresence;
    lines.push(`  set by the user: ${presenceWords(p)}, expires ${clockTime(p.expirationDateTime)}`);
  }
  return lines;
}

/** GET /api/admin/agents/{id}/status, the parts printed. */
export interface AgentStatus {
  readonly agentId: string;
  readonly displayName: string | null;
  readonly ccState: string | null;
  readonly teams: TeamsPresence | null;
  readonly teamsUserId: string | null;
  readonly session: { readonly presence: TeamsPresence; readonly expiresAt: string } | null;
  readonly hold: { readonly requested: string; readonly restoreTo: string } | null;
  readonly lastDecision: { at: string; direction: string; from: string; to: string; reason: string } | null;
  readonly outbound: { readonly pending: number; readonly parked: readonly unknown[] };
}

function teamsLine(s: AgentStatus): string {
  if (!s.teams) return 'Teams: not known yet';
  const ours = s.session && same(s.teams, s.session.presence);
  const why = ours && s.session ? ` (our session, expires ${clockTime(s.session.expiresAt)})` : '';
  return `Teams: ${presenceWords(s.teams)}${why}`;
}

export function describeAgentStatus(s: AgentStatus): string[] {
  const name = s.displayName ? ` (${s.displayName})` : '';
  const d = s.lastDecision;
  return [
    `Agent ${s.agentId}${name}: contact center ${s.ccState ?? 'state not known yet'}`,
    teamsLine(s),
    s.teamsUserId ? `Linked to Teams user ${s.teamsUserId}` : 'Not linked to a Teams user',
    ...(s.hold ? [`Hold: asked for ${s.hold.requested}, will restore ${s.hold.restoreTo}`] : []),
    d ? `Last decision ${clockTime(d.at)}: ${d.reason}` : 'No decisions yet',
    `Outbound: ${s.outbound.pending} pending, ${s.outbound.parked.length} parked`,
  ];
}
