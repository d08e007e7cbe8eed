// Delivers the durable outbox to the contact center: at least once, in order per agent (the store only ever
// offers an agent's oldest pending message, claimed for this dispatcher alone), concurrently across agents. A failure is retried with capped
// exponential backoff and full jitter, and parked when it is refused for good or has failed for too long, so
// one bad message cannot hold up an agent's later ones for ever.
import type { Clock } from '../ports/clock.port';
import type { ContactCenterTransport, DeliveryResult } from '../ports/contact-center.port';
import type { Logger } from '../ports/logger.port';
import type { OutboxEntry, Store } from '../ports/store.port';
import { RoundLoop } from './round-loop';

export interface OutboxDispatcherOptions {
  /** A message still failing this long after it was queued is parked. Default 1 h. */
  readonly parkAfterMs?: number;
  /** Backoff ceiling of the first retry; it doubles per attempt. Default 1 s. */
  readonly baseDelayMs?: number;
  /** Cap of the backoff ceiling. Default 5 min. */
  readonly maxDelayMs?: number;
  /** Messages (one per agent) taken per round. Default 50. */
  readonly batch?: number;
  /** When idle, look for due work this often: it may come from a previous run or another process. Default 1 s. */
  readonly idlePollMs?: number;
  /**
   * How long a claimed message is this dispatcher's alone (another, e.g. a new leader, skips it meanwhile):
   * longer than a delivery may take. Default 30 s (three delivery timeouts).
   */
  readonly claimMs?: number;
  /** [0, 1) source of the jitter; tests inject one. Default Math.random. */
  readonly random?: () => number;
}

type Settled = 'delivered' | 'parked' | 'retry' | 'error';

export class OutboxDispatcher {
  private readonly parkAfterMs: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly batch: number;
  private readonly idlePollMs: number;
  private readonly random: () => number;
  private readonly claimMs: number;
  /** Retries this process scheduled, by message id, so it wakes exactly when the earliest is due. */
  private readonly retryAt = new Map<string, number>();
  private readonly loop: RoundLoop;

  constructor(
    private readonly store: Store,
    private readonly transport: ContactCenterTransport,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: OutboxDispatcherOptions = {},
  ) {
    this.parkAfterMs = options.parkAfterMs ?? 3_600_000;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 300_000;
    this.batch = options.batch ?? 50;
    this.idlePollMs = options.idlePollMs ?? 1_000;
    this.random = options.random ?? Math.random;
    this.claimMs = options.claimMs ?? 30_000;
    this.loop = new RoundLoop(
      { round: () => this.safeRound(), nextWakeAt: (now) => this.nextWakeAt(now) },
      clock,
    );
  }

  /** Delivers what is due now (including what a previous run left) and keeps delivering until stopped. */
  start(): void {
    this.loop.start();
  }

  /** New messages were queued: deliver them now. Cheap to call often; ignored before start and after stop. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when no round is in progress (for tests and benchmarks). */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Stops scheduling rounds and waits for the one in progress, at most timeoutMs. Undelivered work stays pending. */
  stop(timeoutMs: number): Promise<void> {
    return this.loop.stop(timeoutMs);
  }

  /** Never rejects: a failure is logged and the next wake-up tries again. */
  private async safeRound(): Promise<boolean> {
    try {
      return await this.round();
    } catch (error) {
      this.logger.error({ err: String(error) }, 'outbox: round failed; will retry');
      return false;
    }
  }

  /** One round; true when it may have made more work due (a message settled, or the batch was full). */
  private async round(): Promise<boolean> {
    const now = this.clock.now();
    let due: OutboxEntry[];
    try {
      due = await this.store.claimOutbound(new Date(now).toISOString(), this.claimMs, this.batch);
    } catch (error) {
      this.logger.error({ err: String(error) }, 'outbox: reading due messages failed; will retry');
      return false;
    }
    for (const [id, at] of this.retryAt) if (at <= now) this.retryAt.delete(id);
    const settled = await Promise.all(due.map((entry) => this.attempt(entry)));
    return due.length >= this.batch || settled.some((s) => s === 'delivered' || s === 'parked');
  }

  private async attempt(entry: OutboxEntry): Promise<Settled> {
    const result = await this.deliver(entry);
    const log = { id: entry.id, agentId: entry.agentId, type: entry.type, attempts: entry.attempts + 1 };
    try {
      if (result.ok) {
        await this.store.markDelivered(entry.id);
        this.logger.debug(log, 'outbox: delivered');
        return 'delivered';
      }
      const now = this.clock.now();
      const age = now - Date.parse(entry.createdAt);
      if (!result.retryable || age >= this.parkAfterMs) {
        await this.store.markParked(entry.id, result.error);
        const why = result.retryable ? `still failing after ${Math.round(age / 1000)} s` : 'refused';
        this.logger.warn({ ...log, error: result.error }, `outbox: message parked (${why})`);
        return 'parked';
      }
      const at = now + this.backoff(entry.attempts + 1, result.retryAfterMs);
      await this.store.markRetry(entry.id, new Date(at).toISOString(), result.error);
      this.retryAt.set(entry.id, at);
      this.logger.info({ ...log, error: result.error, retryInMs: at - now }, 'outbox: delivery failed');
      return 'retry';
    } catch (error) {
      // The entry stays pending and is attempted again: delivery is at least once.
      this.logger.error({ ...log, err: String(error) }, 'outbox: recording the attempt failed');
      return 'error';
    }
  }

  private async deliver(entry: OutboxEntry): Promise<DeliveryResult> {
    try {
      return await this.transport.deliver(entry);
    } catch (error) {
      return { ok: false, retryable: true, error: `transport failed: ${String(error)}` };
    }
  }

  /** Full jitter over a ceiling that doubles per failure up to maxDelayMs; never sooner than Retry-After. */
  private backoff(failures: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.max(1, Math.floor(this.random() * ceiling), retryAfterMs ?? 0);
  }

  private nextWakeAt(now: number): number {
    let wakeAt = now + this.idlePollMs;
    for (const at of this.retryAt.values()) wakeAt = Math.min(wakeAt, at);
    return wakeAt;
  }
}
