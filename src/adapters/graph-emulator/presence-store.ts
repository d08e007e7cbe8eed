// The emulator's presence state: every user's sessions, preferred presence and Teams client session, and the
// aggregate with its sequenceNumber. Expiries run on the injected Clock; every change of the aggregate gets
// a new sequenceNumber and is announced to listeners (change notifications).
import type { Clock } from '../../ports/clock.port';
import type { TeamsPresence } from '../../domain/presence';
import { samePresence } from '../../domain/presence';
import { scheduleAt } from './clock-timers';
import { aggregatePresence, type PreferredState, type SessionState } from './presence-aggregate';

export interface PresenceView extends TeamsPresence {
  readonly id: string;
  readonly sequenceNumber: string;
  /** The user's live status message, when one is set (setStatusMessage). */
  readonly statusMessage?: StatusMessageState;
}

export interface StatusMessageState {
  readonly content: string;
  readonly publishedAt: number;
  /** Epoch ms; absent: the message never expires. */
  readonly expiresAt?: number;
}

export type PresenceListener = (presence: PresenceView) => void;

/** What the store holds, as plain data for the state file (the Teams client session never expires). */
export interface PresenceSnapshot {
  readonly lastStamp: number;
  readonly writeOrder: number;
  readonly users: readonly {
    readonly shown: PresenceView;
    readonly sessions: readonly SessionState[];
    readonly preferred: PreferredState | null;
    readonly client: (TeamsPresence & { readonly order: number }) | null;
    readonly statusMessage?: StatusMessageState | null;
  }[];
}

interface Timed<T> {
  readonly value: T;
  readonly cancel: () => void;
}

interface UserState {
  readonly sessions: Map<string, Timed<SessionState>>;
  preferred?: Timed<PreferredState>;
  client?: SessionState;
  statusMessage?: StatusMessageState;
  shown: PresenceView;
}

/** The Teams client keeps its own session alive for as long as the user is signed in. */
const CLIENT_SESSION_ID = 'teams-client';

export class PresenceStore {
  private readonly users = new Map<string, UserState>();
  private readonly listeners: PresenceListener[] = [];
  private writeOrder = 0;
  private lastStamp = 0;

  constructor(private readonly clock: Clock) {}

  onChange(listener: PresenceListener): void {
    this.listeners.push(listener);
  }

  setSession(userId: string, sessionId: string, presence: TeamsPresence, durationMs: number): void {
    const user = this.user(userId);
    user.sessions.get(sessionId)?.cancel();
    const value: SessionState = {
      ...pair(presence),
      sessionId,
      expiresAt: this.clock.now() + durationMs,
      order: ++this.writeOrder,
    };
    const cancel = scheduleAt(this.clock, value.expiresAt, () => this.refresh(userId));
    user.sessions.set(sessionId, { value, cancel });
    this.refresh(userId);
  }

  /** False when there is no live session with that id (Graph answers 404). */
  clearSession(userId: string, sessionId: string): boolean {
    const user = this.user(userId);
    this.pruneExpired(user);
    const session = user.sessions.get(sessionId);
    if (!session) return false;
    session.cancel();
    user.sessions.delete(sessionId);
    this.refresh(userId);
    return true;
  }

  setPreferred(userId: string, presence: TeamsPresence, durationMs: number): void {
    const user = this.user(userId);
    user.preferred?.cancel();
    const value: PreferredState = { ...pair(presence), expiresAt: this.clock.now() + durationMs };
    user.preferred = { value, cancel: scheduleAt(this.clock, value.expiresAt, () => this.refresh(userId)) };
    this.refresh(userId);
  }

  clearPreferred(userId: string): void {
    const user = this.user(userId);
    user.preferred?.cancel();
    user.preferred = undefined;
    this.refresh(userId);
  }

  /** An empty content clears the message (Graph has no separate clear call). Changes no availability. */
  setStatusMessage(userId: string, content: string, expiresAt?: number): void {
    const user = this.user(userId);
    user.statusMessage =
      content === ''
        ? undefined
        : { content, publishedAt: this.clock.now(), ...(expiresAt !== undefined && { expiresAt }) };
  }

  /** null = the user signed out of Teams. */
  setClient(userId: string, presence: TeamsPresence | null): void {
    const user = this.user(userId);
    user.client = presence
      ? { ...pair(presence), sessionId: CLIENT_SESSION_ID, expiresAt: Infinity, order: ++this.writeOrder }
      : undefined;
    this.refresh(userId);
  }

  presenceOf(userId: string): PresenceView {
    this.refresh(userId);
    const user = this.user(userId);
    const message = user.statusMessage;
    const live = message && (message.expiresAt === undefined || message.expiresAt > this.clock.now());
    return live ? { ...user.shown, statusMessage: message } : user.shown;
  }

  /** The apps' sessions (not the Teams client's), live ones only. */
  sessionsOf(userId: string): SessionState[] {
    const user = this.user(userId);
    this.pruneExpired(user);
    return [...user.sessions.values()].map((s) => s.value);
  }

  details(userId: string): { client: TeamsPresence | null; preferred: PreferredState | null } {
    const user = this.user(userId);
    const preferred = user.preferred?.value;
    const live = preferred && preferred.expiresAt > this.clock.now() ? preferred : null;
    return { client: user.client ? pair(user.client) : null, preferred: live };
  }

  reset(): void {
    for (const user of this.users.values()) {
      for (const s of user.sessions.values()) s.cancel();
      user.preferred?.cancel();
    }
    this.users.clear();
  }

  snapshot(): PresenceSnapshot {
    const users = [...this.users.values()].map((u) => ({
      shown: u.shown,
      sessions: [...u.sessions.values()].map((s) => s.value),
      preferred: u.preferred?.value ?? null,
      client: u.client ? { ...pair(u.client), order: u.client.order } : null,
      statusMessage: u.statusMessage ?? null,
    }));
    return { lastStamp: this.lastStamp, writeOrder: this.writeOrder, users };
  }

  /** Replaces what the store holds without announcing anything: the presence shown is the one saved. */
  restore(snapshot: PresenceSnapshot): void {
    this.reset();
    this.lastStamp = snapshot.lastStamp;
    this.writeOrder = snapshot.writeOrder;
    for (const saved of snapshot.users) {
      const userId = saved.shown.id;
      const timed = <T extends { expiresAt: number }>(value: T): Timed<T> => ({
        value,
        cancel: scheduleAt(this.clock, value.expiresAt, () => this.refresh(userId)),
      });
      const sessions = new Map(saved.sessions.map((s) => [s.sessionId, timed(s)]));
      const user: UserState = { sessions, shown: saved.shown };
      if (saved.preferred) user.preferred = timed(saved.preferred);
      if (saved.statusMessage) user.statusMessage = saved.statusMessage;
      if (saved.client) user.client = { ...saved.client, sessionId: CLIENT_SESSION_ID, expiresAt: Infinity };
      this.users.set(userId, user);
    }
  }

  private user(userId: string): UserState {
    let user = this.users.get(userId);
    if (!user) {
      const shown = {
        id: userId,
        availability: 'Offline',
        activity: 'Offline',
        sequenceNumber: this.nextStamp(),
      };
      user = { sessions: new Map(), shown };
      this.users.set(userId, user);
    }
    return user;
  }

  private refresh(userId: string): void {
    const user = this.user(userId);
    this.pruneExpired(user);
    const sessions = [...user.sessions.values()].map((s) => s.value);
    if (user.client) sessions.push(user.client);
    const now = this.clock.now();
    const next = aggregatePresence(sessions, user.preferred?.value, now);
    if (samePresence(next, user.shown)) return;
    user.shown = { id: userId, ...next, sequenceNumber: this.nextStamp() };
    for (const listener of this.listeners) listener(user.shown);
  }

  private pruneExpired(user: UserState): void {
    const now = this.clock.now();
    for (const [id, s] of user.sessions) {
      if (s.value.expiresAt > now) continue;
      s.cancel();
      user.sessions.delete(id);
    }
  }

  /** Time-based so stamps keep growing across emulator restarts; +1 keeps them strictly increasing. */
  private nextStamp(): string {
    this.lastStamp = Math.max(this.lastStamp + 1, this.clock.now() * 1000);
    return String(this.lastStamp).padStart(20, '0');
  }
}

function pair(p: TeamsPresence): TeamsPresence {
  return { availability: p.availability, activity: p.activity };
}
