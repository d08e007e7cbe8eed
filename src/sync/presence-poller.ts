// Polling fallback for Teams presence: linked users that no change-notification subscription covers are read
// with getPresencesByUserId (≤ 650 ids a request) once every maxIntervalMs, and only the users whose presence
// differs from what was last seen are reported. Links are read from the store a page at a time (a page is the
// batches read at once), so a round over 100,000 users holds a few thousand links, not all of them. The gateway is the budgeted one, so polling waits for its
// share of the tenant's quota rather than exceed it; a round then runs late, and that is logged once.
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { ObservedPresence, PresenceGateway } from '../ports/presence-gateway.port';
import type { Link, Store } from '../ports/store.port';
import { readShare } from './presence-budget';
import { MAX_IDS_PER_READ } from './presence-reader';

export interface PolledPresence {
  readonly availability: string;
  readonly activity: string;
  readonly sequenceNumber?: string;
}

export interface PresenceChange {
  readonly agentId: AgentId;
  readonly teamsUserId: TeamsUserId;
  readonly presence: PolledPresence;
}

export interface PresencePollerOptions {
  /** PRESENCE_POLL_SECONDS × 1000: a round starts at most this long after the previous one started. Default 10 s. */
  readonly maxIntervalMs?: number;
  /** Teams user ids a live subscription covers; they are not polled. Compared case-insensitively. */
  readonly covered?: () => ReadonlySet<string>;
  /** Receives each batch's changes. If it rejects, the same changes are reported again next round. */
  readonly onChanged: (changes: PresenceChange[]) => Promise<void>;
  /** Batches read at the same time. Default 4. */
  readonly concurrentReads?: number;
}

/** Users polling can cover at intervalSeconds with the reads' share of the quota (reads of nothing else). */
export function pollingCapacity(
  quotaPer30s: number,
  writeReservePct: number,
  intervalSeconds: number,
): number {
  const roundsPerWindow = Math.ceil(30 / intervalSeconds);
  return Math.floor(readShare(quotaPer30s, writeReservePct) / roundsPerWindow) * MAX_IDS_PER_READ;
}

const keyOf = (link: Pick<Link, 'agentId' | 'teamsUserId'>): string =>
  `${link.agentId}\u0000${link.teamsUserId.toLowerCase()}`;

export class PresencePoller {
  private readonly maxIntervalMs: number;
  private readonly concurrentReads: number;
  /** Last presence seen per linked user polled this round; null = none known (the first one read is a change). */
  private lastSeen = new Map<string, PolledPresence | null>();
  /** What the previous round saw, moved into lastSeen as each user is polled again; the rest is forgotten. */
  private previousSeen = new Map<string, PolledPresence | null>();
  private running: Promise<void> | null = null;
  private cancelNext: (() => void) | null = null;
  private started = false;
  private stopped = false;
  private quotaBound = false;

  constructor(
    private readonly store: Store,
    private readonly gateway: PresenceGateway,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: PresencePollerOptions,
  ) {
    this.maxIntervalMs = options.maxIntervalMs ?? 10_000;
    this.concurrentReads = Math.max(1, options.concurrentReads ?? 4);
  }

  /** Polls now, then every maxIntervalMs until stopped. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.tick();
  }

  /** Resolves when no round is in progress (for tests and benchmarks). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.cancelNext?.();
    this.cancelNext = null;
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private tick(): void {
    this.cancelNext = null;
    const startedAt = this.clock.now();
    this.running = this.round().then((figures) => {
      this.running = null;
      if (!this.stopped) this.scheduleNext(startedAt, figures);
    });
  }

  private scheduleNext(startedAt: number, figures: { users: number; batches: number }): void {
    const now = this.clock.now();
    const late = now - (startedAt + this.maxIntervalMs);
    if (late > 0 && !this.quotaBound) {
      this.quotaBound = true;
      const fields = { ...figures, intervalMs: this.maxIntervalMs, roundMs: now - startedAt };
      this.logger.warn(
        fields,
        'Teams presence polling is quota-bound: a round takes longer than the interval',
      );
    } else if (late <= 0 && this.quotaBound) {
      this.quotaBound = false;
      this.logger.info(figures, 'Teams presence polling keeps its interval again');
    }
    this.cancelNext = this.clock.setTimer(Math.max(0, -late), () => this.tick());
  }

  /** One round over every uncovered linked user. Never rejects; a failed batch waits for the next round. */
  private async round(): Promise<{ users: number; batches: number }> {
    // Users not polled this round (covered, unlinked) are seeded afresh from the store if they come back.
    this.previousSeen = this.lastSeen;
    this.lastSeen = new Map();
    const figures = { users: 0, batches: 0 };
    try {
      const covered = new Set([...(this.options.covered?.() ?? [])].map((id) => id.toLowerCase()));
      const pageSize = MAX_IDS_PER_READ * this.concurrentReads;
      for (let afterAgentId: AgentId | undefined, full = true; full && !this.stopped;) {
        const page = await this.store.listLinks({
          limit: pageSize,
          ...(afterAgentId ? { afterAgentId } : {}),
        });
        full = page.length === pageSize;
        afterAgentId = page[page.length - 1]?.agentId;
        const users = page.filter((l) => !covered.has(l.teamsUserId.toLowerCase()));
        const batches: Link[][] = [];
        for (let i = 0; i < users.length; i += MAX_IDS_PER_READ)
          batches.push(users.slice(i, i + MAX_IDS_PER_READ));
        await Promise.all(batches.map((batch) => this.poll(batch)));
        figures.users += users.length;
        figures.batches += batches.length;
      }
      return figures;
    } catch (error) {
      this.logger.error({ err: String(error) }, 'presence polling round failed; retrying next round');
      return { users: 0, batches: 0 };
    }
  }

  private async poll(batch: Link[]): Promise<void> {
    let changes: PresenceChange[];
    try {
      const read = await this.gateway.getPresences(batch.map((l) => l.teamsUserId));
      const byUser = new Map(read.map((p) => [p.userId.toLowerCase(), p]));
      changes = [];
      for (const link of batch) {
        const observed = byUser.get(link.teamsUserId.toLowerCase());
        if (observed && isChange(await this.seen(link), observed)) {
          changes.push({ agentId: link.agentId, teamsUserId: link.teamsUserId, presence: polled(observed) });
        }
      }
    } catch (error) {
      this.logger.warn(
        { users: batch.length, err: String(error) },
        'presence poll failed; retrying next round',
      );
      return;
    }
    if (changes.length === 0) return;
    try {
      await this.options.onChanged(changes);
      for (const c of changes) this.lastSeen.set(keyOf(c), c.presence);
    } catch (error) {
      this.logger.error(
        { users: changes.length, err: String(error) },
        'presence changes not taken; reported again next round',
      );
    }
  }

  /** What was last seen; on first sight, what the store last observed, so a restart does not re-report all. */
  private async seen(link: Link): Promise<PolledPresence | null> {
    const key = keyOf(link);
    const known = this.lastSeen.get(key) ?? this.previousSeen.get(key);
    this.previousSeen.delete(key);
    if (known !== undefined) {
      this.lastSeen.set(key, known);
      return known;
    }
    const teams = (await this.store.getAgentState(link.agentId))?.teams;
    const seed = teams ? polled(teams) : null;
    this.lastSeen.set(key, seed);
    return seed;
  }
}

function polled(p: PolledPresence): PolledPresence {
  const { availability, activity, sequenceNumber } = p;
  return sequenceNumber === undefined
    ? { availability, activity }
    : { availability, activity, sequenceNumber };
}

/**
 * With sequence numbers on both sides, any newer version is a change, even with the same pair: Busy/InACall
 * from our own session and, after an Available in between that no round saw, Busy/InACall from the user's
 * own Teams call mean different things. Without them, a different pair is a change.
 */
function isChange(seen: PolledPresence | null, observed: ObservedPresence): boolean {
  if (!seen) return true;
  if (seen.sequenceNumber !== undefined && observed.sequenceNumber !== undefined) {
    return observed.sequenceNumber > seen.sequenceNumber;
  }
  return seen.availability !== observed.availability || seen.activity !== observed.activity;
}
