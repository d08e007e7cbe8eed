// Per-agent serialised work with bounded memory: at most `concurrency` runs at a time, at most one run per
// agent, and a kick during a run schedules exactly one more run afterwards. Agents waiting for a run sit in a
// bounded FIFO; when it is full a kick is dropped and, once the FIFO has drained to half, the queue sweeps the
// store for as many agents with pending work as it has room for (one read per half-queue of runs, not one per
// run, and never the whole backlog at once). That is safe because every run reads the agent's pending work
// from the store (the latest state wins, so an agent kicked five times while waiting costs one run, and
// nothing depends on what was in memory).
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';

/** What a run asks for next: nothing, or another run after a delay (e.g. Graph was unreachable). */
export type RunOutcome = { readonly retryAfterMs: number } | void;

const MAX_BACKOFF_MS = 60_000;
const SWEEP_RETRY_MS = 1000;

export interface WorkQueueOptions<K> {
  /** Runs in flight at most (SYNC_CONCURRENCY). */
  readonly concurrency: number;
  /** Agents waiting for a run kept in memory at most; further kicks are found again by `sweep`. */
  readonly maxQueued: number;
  /** At most `limit` agents with pending work in the store, oldest first (called after kicks were dropped). */
  readonly sweep: (limit: number) => Promise<readonly K[]>;
}

export class AgentWorkQueue<K extends string> {
  private readonly running = new Map<K, Promise<void>>();
  private readonly queued = new Set<K>();
  private readonly again = new Set<K>();
  private readonly timers = new Map<K, () => void>();
  private readonly failures = new Map<K, number>();
  private stopped = false;
  private dropped = false;
  private sweeping: Promise<void> | null = null;

  constructor(
    private readonly run: (key: K) => Promise<RunOutcome>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: WorkQueueOptions<K>,
  ) {}

  /** Schedules a run for key; cheap to call often. Beyond the bounds, the store keeps the work. */
  kick(key: K): void {
    if (this.stopped) return;
    this.timers.get(key)?.();
    this.timers.delete(key);
    if (this.running.has(key)) this.again.add(key);
    else if (this.queued.has(key)) return;
    else if (this.queued.size < this.options.maxQueued) this.queued.add(key);
    else this.dropped = true;
    this.pump();
  }

  /** Asks for a sweep of the store for pending work (e.g. at start-up, instead of kicking every agent). */
  sweepSoon(): void {
    this.dropped = true;
    this.pump();
  }

  /** Runs fn for key when no run of key is in progress, and holds further runs of key until it ends. */
  async exclusive<T>(key: K, fn: () => Promise<T>): Promise<T> {
    for (let busy = this.running.get(key); busy; busy = this.running.get(key)) await busy;
    const result = fn();
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.track(key, done);
    return result;
  }

  /** Runs in flight and agents waiting (diagnostics). */
  size(): { running: number; queued: number } {
    return { running: this.running.size, queued: this.queued.size };
  }

  /** Resolves when no run is in progress or waiting (runs kicked meanwhile and swept work included). */
  async idle(): Promise<void> {
    while (this.running.size > 0 || this.queued.size > 0 || this.sweeping || this.dropped) {
      if (this.stopped) return;
      await Promise.all([...this.running.values(), this.sweeping]);
      if (this.running.size === 0 && !this.sweeping) this.pump();
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Stops scheduling new runs and waits for the ones in progress, at most timeoutMs. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.queued.clear();
    const inFlight = Promise.all([...this.running.values()]);
    await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  /** Capped exponential backoff for a key that keeps failing. */
  backoff(key: K): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (n - 1));
  }

  /** Starts queued runs while there is room; sweeps the store when kicks were dropped and room is left. */
  private pump(): void {
    if (this.stopped) return;
    for (const key of this.queued) {
      if (this.running.size >= this.options.concurrency) return;
      this.queued.delete(key);
      if (this.running.has(key)) this.again.add(key);
      else this.track(key, this.runOnce(key));
    }
    if (this.dropped && !this.sweeping && this.queued.size <= this.lowWater()) this.sweep();
  }

  /** The FIFO length at or below which dropped work is swept back in from the store. */
  private lowWater(): number {
    return Math.floor(this.options.maxQueued / 2);
  }

  private track(key: K, done: Promise<void>): void {
    this.running.set(key, done);
    void done.finally(() => {
      if (this.running.get(key) === done) this.running.delete(key);
      if (this.again.delete(key)) this.kick(key);
      else this.pump();
    });
  }

  private sweep(): void {
    this.dropped = false;
    // Agents running or waiting out a backoff are pending too and are skipped, so ask for room beyond them.
    const limit = this.options.maxQueued - this.queued.size + this.running.size + this.timers.size;
    this.sweeping = this.options
      .sweep(limit)
      .then((keys) => {
        // A full page may mean more is waiting in the store: sweep again once the FIFO has drained.
        if (keys.length >= limit) this.dropped = true;
        for (const key of keys) {
          // An agent waiting out a retry backoff keeps its timer rather than running early.
          if (this.running.has(key) || this.queued.has(key) || this.timers.has(key)) continue;
          if (this.queued.size >= this.options.maxQueued) {
            this.dropped = true;
            break;
          }
          this.queued.add(key);
        }
      })
      .catch((error: unknown) => {
        this.logger.error({ err: String(error) }, 'sweep for pending agent work failed; will retry');
        this.clock.setTimer(SWEEP_RETRY_MS, () => this.sweepSoon());
      })
      .finally(() => {
        this.sweeping = null;
        this.pump();
      });
  }

  private async runOnce(key: K): Promise<void> {
    let outcome: RunOutcome;
    try {
      outcome = await this.run(key);
    } catch (error) {
      this.logger.error({ key, err: String(error) }, 'agent work failed; will retry');
      outcome = { retryAfterMs: this.backoff(key) };
    }
    if (outcome && !this.stopped) {
      const cancel = this.clock.setTimer(outcome.retryAfterMs, () => {
        this.timers.delete(key);
        this.kick(key);
      });
      this.timers.set(key, cancel);
    } else {
      this.failures.delete(key);
    }
  }
}
