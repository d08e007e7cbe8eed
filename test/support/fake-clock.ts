// A Clock whose time only moves when a test says so. Timers run in due order during advance(), each one
// seeing now() equal to its due time, so schedules behave exactly as they would in real time.
import type { Clock } from '../../src/ports/clock.port';

interface PendingTimer {
  readonly id: number;
  readonly dueAt: number;
  readonly fn: () => void;
}

export class FakeClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  /** Starts at `start` (ms since the epoch); a fixed default keeps test output stable. */
  constructor(start: number = Date.parse('2025-01-06T09:00:00.000Z')) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const id = this.nextId++;
    this.timers.push({ id, dueAt: this.current + Math.max(0, ms), fn });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  }

  /** Moves time forward by ms, running every timer that falls due (including ones scheduled meanwhile). */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.timers = this.timers.filter((t) => t.id !== next.id);
      this.current = Math.max(this.current, next.dueAt);
      next.fn();
    }
    this.current = target;
  }

  /**
   * advance() in steps, letting promises settle between them: for code whose timers wait on answers that
   * arrive as promises (e.g. a budget slot released when a response is in).
   */
  async run(ms: number, stepMs = 100): Promise<void> {
    const target = this.current + Math.max(0, ms);
    while (this.current < target) {
      await new Promise((resolve) => setImmediate(resolve));
      this.advance(Math.min(stepMs, target - this.current));
    }
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Moves time to an absolute instant (never backwards). */
  advanceTo(at: number): void {
    this.advance(at - this.current);
  }

  /** How many timers are waiting; handy to assert that something was (or was not) scheduled. */
  pendingTimers(): number {
    return this.timers.length;
  }

  private earliestDue(limit: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.dueAt > limit) continue;
      if (!best || t.dueAt < best.dueAt || (t.dueAt === best.dueAt && t.id < best.id)) best = t;
    }
    return best;
  }
}
