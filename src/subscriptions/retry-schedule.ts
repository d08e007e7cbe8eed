// When to try a failing account again: exponential backoff from `baseMs`, capped at `maxMs`.
import type { Clock } from '../ports/clock.port';

export class RetrySchedule {
  private readonly entries = new Map<string, { failures: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  /** Records a failure and returns when to retry. */
  failed(key: string): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const at = this.clock.now() + Math.min(this.maxMs, this.baseMs * 2 ** Math.min(failures - 1, 20));
    this.entries.set(key, { failures, at });
    return at;
  }

  clear(key: string): void {
    this.entries.delete(key);
  }

  retryAt(key: string): number | undefined {
    return this.entries.get(key)?.at;
  }
}
