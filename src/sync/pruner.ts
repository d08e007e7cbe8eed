// Keeps the store from growing for ever: on a schedule, deletes what the retention window no longer needs
// (StoreHousekeeping.prune), in batches so no transaction holds the write lock for long. The window is what
// idempotency rests on: an event id is a duplicate for EVENT_RETENTION_HOURS after it was settled.
import type { Clock } from '../ports/clock.port';
import type { PruneCounts, StoreHousekeeping } from '../ports/housekeeping.port';
import type { Logger } from '../ports/logger.port';

export interface PrunerOptions {
  /** How long settled and delivered rows are kept (EVENT_RETENTION_HOURS). */
  readonly retentionMs: number;
  /** Time between runs; default 1 h. The first run is one interval's tenth after start. */
  readonly intervalMs?: number;
  /** Rows of a kind deleted per transaction; default 1000. */
  readonly batch?: number;
  /** Batches per run at most, so one run is bounded; the next run goes on. Default 100. */
  readonly maxBatches?: number;
}

const ZERO: PruneCounts = { inboxEvents: 0, outboxMessages: 0, agentStates: 0, decisions: 0 };

const add = (a: PruneCounts, b: PruneCounts): PruneCounts => ({
  inboxEvents: a.inboxEvents + b.inboxEvents,
  outboxMessages: a.outboxMessages + b.outboxMessages,
  agentStates: a.agentStates + b.agentStates,
  decisions: a.decisions + b.decisions,
});

export class Pruner {
  private readonly intervalMs: number;
  private readonly batch: number;
  private readonly maxBatches: number;
  private cancel: (() => void) | null = null;
  private running: Promise<PruneCounts> | null = null;
  private stopped = false;

  constructor(
    private readonly store: StoreHousekeeping,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: PrunerOptions,
  ) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.batch = options.batch ?? 1000;
    this.maxBatches = options.maxBatches ?? 100;
  }

  start(): void {
    this.schedule(Math.ceil(this.intervalMs / 10));
  }

  /** One run now: batches until nothing more is due (or maxBatches). Never rejects; a failure is logged. */
  runOnce(): Promise<PruneCounts> {
    this.running ??= this.prune().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.cancel?.();
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.cancel = this.clock.setTimer(delayMs, () => {
      void this.runOnce().finally(() => this.schedule(this.intervalMs));
    });
  }

  private async prune(): Promise<PruneCounts> {
    const before = new Date(this.clock.now() - this.options.retentionMs).toISOString();
    let total = ZERO;
    try {
      for (let i = 0; i < this.maxBatches && !this.stopped; i += 1) {
        const counts = await this.store.prune(before, this.batch);
        total = add(total, counts);
        const full = [counts.inboxEvents, counts.outboxMessages, counts.agentStates].some(
          (n) => n >= this.batch,
        );
        if (!full) break;
      }
    } catch (error) {
      this.logger.error({ err: String(error), before }, 'pruning the store failed; the next run tries again');
    }
    if (Object.values(total).some((n) => n > 0)) this.logger.info({ ...total, before }, 'pruned the store');
    return total;
  }
}
