// Per-agent serialised work: at most one run per agent at a time, and a kick during a run schedules exactly
// one more run afterwards. Each run reads the agent's pending work from the store, so the latest state wins
// and nothing depends on what was in memory.
import type { Clock } from '../ports/clock.port';
import type { Logger } from '../ports/logger.port';

/** What a run asks for next: nothing, or another run after a delay (e.g. Graph was unreachable). */
export type RunOutcome = { readonly retryAfterMs: number } | void;

const MAX_BACKOFF_MS = 60_000;

export class AgentWorkQueue<K extends string> {
  private readonly running = new Map<K, Promise<void>>();
  private readonly again = new Set<K>();
  private readonly timers = new Map<K, () => void>();
  private readonly failures = new Map<K, number>();
  private stopped = false;

  constructor(
    private readonly run: (key: K) => Promise<RunOutcome>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** Schedules a run for key; cheap to call often. */
  kick(key: K): void {
    if (this.stopped) return;
    this.timers.get(key)?.();
    this.timers.delete(key);
    if (this.running.has(key)) {
      this.again.add(key);
      return;
    }
    const done = this.runOnce(key).finally(() => {
      this.running.delete(key);
      if (this.again.delete(key)) this.kick(key);
    });
    this.running.set(key, done);
  }

  /** Runs fn for key when no run of key is in progress, and holds further runs of key until it ends. */
  async exclusive<T>(key: K, fn: () => Promise<T>): Promise<T> {
    for (let busy = this.running.get(key); busy; busy = this.running.get(key)) await busy;
    const result = fn();
    const done = result
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        this.running.delete(key);
        if (this.again.delete(key)) this.kick(key);
      });
    this.running.set(key, done);
    return result;
  }

  /** Resolves when no run is in progress (runs kicked meanwhile included). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  /** Stops scheduling new runs and waits for the ones in progress, at most timeoutMs. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
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

  /** Capped exponential backoff for a key that keeps failing. */
  backoff(key: K): number {
    const n = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, n);
    return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (n - 1));
  }
}
