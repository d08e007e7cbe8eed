// The life of a durable-queue worker (the outbound and chat dispatchers): rounds while there is due work,
// then a sleep until the next due time or a kick. Kicks during a round are never lost: they run one more.
import type { Clock } from '../ports/clock.port';

export interface RoundWork {
  /** One round; true when more may be due at once (a full batch, a message settled). Never rejects. */
  round(): Promise<boolean>;
  /** When to wake after a quiet round (ms since the epoch); a failure to tell is the work's to log. */
  nextWakeAt(now: number): number | Promise<number>;
}

export class RoundLoop {
  private running: Promise<void> | null = null;
  private sleeping: Promise<void> | null = null;
  private again = false;
  private cancelSleep: (() => void) | null = null;
  private started = false;
  private stopped = false;

  constructor(
    private readonly work: RoundWork,
    private readonly clock: Clock,
  ) {}

  /** Runs what is due now (including what a previous process left) and keeps running until stopped. */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.kick();
  }

  /** New work was queued. Cheap to call often; ignored before start and after stop. */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.cancelSleep?.();
    this.cancelSleep = null;
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.stopped) return;
      if (this.again) this.kick();
      else this.sleeping = this.sleep().finally(() => (this.sleeping = null));
    });
  }

  /** Resolves when no round is in progress and the next wake-up is scheduled. */
  async idle(): Promise<void> {
    while (this.running || this.sleeping) await (this.running ?? this.sleeping);
  }

  /** Stops scheduling; waits for the round in progress at most timeoutMs. Unfinished work stays queued. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.cancelSleep?.();
    this.cancelSleep = null;
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
  }

  private async run(): Promise<void> {
    let more = true;
    while (more && !this.stopped) {
      this.again = false;
      more = (await this.work.round()) || this.again;
    }
  }

  private async sleep(): Promise<void> {
    const now = this.clock.now();
    const wakeAt = await this.work.nextWakeAt(now);
    if (this.stopped || this.running) return;
    this.cancelSleep = this.clock.setTimer(Math.max(0, wakeAt - now), () => {
      this.cancelSleep = null;
      this.kick();
    });
  }
}
