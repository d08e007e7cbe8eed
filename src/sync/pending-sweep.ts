// The safety net for work a crashed instance accepted (issue 13): every interval, lists the agents with
// pending inbox events and kicks here those that were pending at the previous sweep too, so an agent whose
// events wait longer than one interval is picked up, while fresh work (which the accepting instance runs at
// once) is left alone. Bounded: only the `limit` agents whose work is oldest are read and remembered a sweep
// (oldest first, so stranded ones are among them, even behind a backlog of 100,000), and at most those kicked.
import type { AgentId } from '../domain/ids';
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';
import type { Store } from '../ports/store.port';

export interface PendingSweepOptions {
  /** Time between sweeps; default 10 s. */
  readonly intervalMs?: number;
  /** Agents kicked a sweep at most; default 1000. */
  readonly limit?: number;
}

export class PendingSweep {
  private readonly intervalMs: number;
  private readonly limit: number;
  private previous = new Set<AgentId>();
  private cancel: (() => void) | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly store: Pick<Store, 'agentsWithPendingEvents'>,
    private readonly kick: (agentId: AgentId) => void,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: PendingSweepOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 10_000;
    this.limit = options.limit ?? 1000;
  }

  start(): void {
    this.schedule();
  }

  /** One sweep now; returns the agents it kicked. Never rejects: a failure is logged. */
  async sweepOnce(): Promise<AgentId[]> {
    try {
      const pending = await this.store.agentsWithPendingEvents(this.limit);
      const stranded = pending.filter((a) => this.previous.has(a));
      this.previous = new Set(pending);
      stranded.forEach((agentId) => this.kick(agentId));
      if (stranded.length > 0) this.logger.info({ agents: stranded.length }, 'sweep: resumed waiting work');
      return stranded;
    } catch (error) {
      this.logger.error({ err: String(error) }, 'sweep: could not list pending work');
      return [];
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.cancel = this.clock.setTimer(this.intervalMs, () => {
      this.running = this.sweepOnce().then(() => {
        this.running = null;
        this.schedule();
      });
    });
  }
}
