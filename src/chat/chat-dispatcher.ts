// Sends agents' chat messages to Teams: one conversation's messages in order, one at a time, at most ~7 a
// second per conversation (Teams' limit), many conversations at once. A retryable answer (429, 412, 502,
// 504) backs off with full jitter, never sooner than Retry-After; the queue, claims, rate times and id map
// are all in the ChatStore, so nothing is lost across restarts and instances share the work.
import type { Clock } from '../ports/clock.port';
import type { ChatOutboxEntry, ChatStore } from '../ports/chat-store.port';
import type { ChatTransport } from '../ports/chat-transport.port';
import type { Logger } from '../ports/logger.port';
import type { Store } from '../ports/store.port';
import { RoundLoop } from '../sync/round-loop';
import { attemptDelivery } from './chat-delivery';
import { reportLeftovers, reportStatus } from './chat-status';

export interface ChatDispatcherOptions {
  /** Sends per second per conversation. Default 7. */
  readonly ratePerSecond?: number;
  /** How long a claimed message is ours before another worker may take it. Default 60 s. */
  readonly leaseMs?: number;
  /** Backoff ceiling of the first retry, doubling per attempt up to maxDelayMs. Defaults 1 s and 60 s. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A message still failing this long after it was queued fails with delivery_timeout. Default 1 h. */
  readonly giveUpAfterMs?: number;
  /** Conversations served per round. Default 50. */
  readonly batch?: number;
  /** Look for work at least this often (another instance may queue it). Default 1 s. */
  readonly idlePollMs?: number;
  readonly random?: () => number;
}

export interface ChatDispatcherDeps {
  readonly chat: ChatStore;
  readonly store: Store;
  readonly transport: ChatTransport;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A chat.status was queued for the contact center: deliver it. */
  readonly statusQueued?: () => void;
}

export class ChatDispatcher {
  private readonly o: Required<ChatDispatcherOptions>;
  private readonly loop: RoundLoop;

  constructor(
    private readonly deps: ChatDispatcherDeps,
    options: ChatDispatcherOptions = {},
  ) {
    this.o = {
      ratePerSecond: 7,
      leaseMs: 60_000,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      giveUpAfterMs: 3_600_000,
      batch: 50,
      idlePollMs: 1_000,
      random: Math.random,
      ...options,
    };
    this.loop = new RoundLoop(
      { round: () => this.safeRound(), nextWakeAt: (now) => this.nextWakeAt(now) },
      deps.clock,
    );
  }

  /** Delivers what is due (including what a previous run left) and keeps delivering until stopped. */
  start(): void {
    this.loop.start();
  }

  /** New messages were queued. Cheap to call often; ignored before start and after stop. */
  kick(): void {
    this.loop.kick();
  }

  /** Resolves when no round is in progress and the next wake-up is scheduled. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Stops scheduling; waits for the round in progress at most timeoutMs. Unsent work stays queued. */
  stop(timeoutMs: number): Promise<void> {
    return this.loop.stop(timeoutMs);
  }

  private async safeRound(): Promise<boolean> {
    try {
      return await this.round();
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'chat: round failed; will retry');
      return false;
    }
  }

  /** One message per due conversation, concurrently; true when the batch was full. */
  private async round(): Promise<boolean> {
    const { chat, store, clock } = this.deps;
    const at = new Date(clock.now()).toISOString();
    if ((await reportLeftovers(store, chat, at, this.o.batch)) > 0) this.deps.statusQueued?.();
    const due = await chat.claimDue(clock.now(), this.o.leaseMs, this.o.batch);
    await Promise.all(due.map((entry) => this.attempt(entry)));
    return due.length >= this.o.batch;
  }

  private async attempt(entry: ChatOutboxEntry): Promise<void> {
    const { chat, store, transport, clock, logger } = this.deps;
    const log = { id: entry.id, conversation: entry.message.conversationKey, attempts: entry.attempts + 1 };
    try {
      const result = await attemptDelivery(chat, transport, entry);
      const now = clock.now();
      const spacing = Math.ceil(1000 / this.o.ratePerSecond);
      if (result.kind === 'retry' && now - Date.parse(entry.createdAt) < this.o.giveUpAfterMs) {
        const at = now + Math.max(spacing, this.backoff(entry.attempts + 1, result.retryAfterMs));
        await chat.retryLater(entry.id, at, result.error);
        logger.info({ ...log, error: result.error, retryInMs: at - now }, 'chat: send deferred');
        return;
      }
      const completion =
        result.kind === 'complete'
          ? result.completion
          : { outcome: { status: 'failed', code: 'delivery_timeout', message: result.error } as const };
      await chat.complete(entry.id, { ...completion, nextSendAtMs: now + spacing });
      const done = { ...entry, state: 'done', outcome: completion.outcome } as const;
      await reportStatus(store, chat, done, new Date(now).toISOString());
      this.deps.statusQueued?.();
      logger.debug({ ...log, outcome: completion.outcome }, 'chat: message settled');
    } catch (error) {
      // The claim lapses and the message is tried again: nothing accepted is dropped.
      logger.error({ ...log, err: String(error) }, 'chat: recording an attempt failed');
    }
  }

  private backoff(failures: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(this.o.maxDelayMs, this.o.baseDelayMs * 2 ** Math.min(failures - 1, 30));
    return Math.max(1, Math.floor(this.o.random() * ceiling), retryAfterMs ?? 0);
  }

  private async nextWakeAt(now: number): Promise<number> {
    let wakeAt = now + this.o.idlePollMs;
    try {
      const due = await this.deps.chat.nextDueAt();
      if (due !== null) wakeAt = Math.min(wakeAt, Math.max(now, due));
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'chat: reading the next due time failed');
    }
    return wakeAt;
  }
}
