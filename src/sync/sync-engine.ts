// The sync engine: one serialised run per agent at a time, a bounded number at once. A run applies the
// agent's pending inbox, then reconciles our Graph session. A timer finds sessions due for refresh (each
// agent at its own jittered lead, so sessions set in one burst are not refreshed in one) and kicks them.
import type { AgentId } from '../domain/ids';
import type { SessionPage } from '../ports/store.port';
import { AgentWorkQueue, type RunOutcome } from './agent-work-queue';
import { processCcInbox } from './cc-inbox';
import { CC_SYNC_TYPES } from './inbox-plan';
import { reconcileRichPresence } from './rich-presence-step';
import { REFRESH_MARGIN_MS, REFRESH_SPREAD_MAX_MS, reconcileSession, refreshDue } from './session-reconciler';
import { type SyncDeps } from './sync-deps';
import { underLease } from './run-lease';
import type { AgentRunGate } from './shard-gate';
import { settleUnhandled } from './unhandled-events';

const KEEPER_INTERVAL_MS = 60_000;
/** Sessions the keeper reads from the store at a time. */
export const KEEPER_PAGE = 500;
export const DEFAULT_SYNC_CONCURRENCY = 32;
/** Agents waiting for a run held in memory; beyond it the store holds their work until a sweep. */
export const DEFAULT_MAX_QUEUED = 10_000;

export interface SyncEngineOptions {
  /** Agent runs in flight at most (SYNC_CONCURRENCY). */
  readonly concurrency?: number;
  readonly maxQueued?: number;
  /** Which agents run here (shard ownership, src/sync/shard-gate.ts); absent: every agent. */
  readonly gate?: AgentRunGate;
}

/** Extra per-agent work run in the same serialised pass (e.g. Teams-side presence, issue #3). */
/** A step of every agent run; `run` is the run's own dependencies (its presence writes hold the run's lease). */
export type AgentStep = (agentId: AgentId, run: SyncDeps) => Promise<{ retry: string } | null>;

export class SyncEngine {
  private readonly queue: AgentWorkQueue<AgentId>;
  private cancelKeeper: (() => void) | null = null;
  private stopped = false;
  private keeperOn = false;
  private readonly extraSteps: AgentStep[] = [];
  /** Inbox event types some step settles; pending events of any other type are settled as failed. */
  private readonly handled = new Set<string>(CC_SYNC_TYPES);
  private readonly gate: AgentRunGate | undefined;
  private readonly maxQueued: number;

  constructor(
    private readonly deps: SyncDeps,
    options: SyncEngineOptions = {},
  ) {
    this.gate = options.gate;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.queue = new AgentWorkQueue<AgentId>((id) => this.runAgent(id), deps.clock, deps.logger, {
      concurrency: options.concurrency ?? DEFAULT_SYNC_CONCURRENCY,
      maxQueued: this.maxQueued,
      sweep: (limit) => this.pendingHere(limit),
    });
  }

  /**
   * The oldest agents with pending work that run here. Behind a shard gate the store's list is read whole
   * (agent ids only) and filtered: a page of other instances' agents must not crowd out this instance's own.
   */
  private async pendingHere(limit: number): Promise<readonly AgentId[]> {
    const gate = this.gate;
    if (!gate) return this.deps.store.agentsWithPendingEvents(limit);
    const all = await this.deps.store.agentsWithPendingEvents();
    return all.filter((agentId) => gate.owns(agentId)).slice(0, limit);
  }

  /** Adds a step that runs after the contact-center inbox in every agent run, settling events of `handles`. */
  addStep(step: AgentStep, handles: readonly string[]): void {
    this.extraSteps.push(step);
    for (const type of handles) this.handled.add(type);
  }

  /** Resumes work a crash or stop left pending, and starts the session keeper unless `keeper` is false. */
  async start(options: { readonly keeper?: boolean } = {}): Promise<void> {
    this.queue.sweepSoon();
    if (options.keeper ?? true) this.startKeeper();
  }

  /** Runs the session keeper here (the instance leading it, bot/roles.ts) until the returned stop is called. */
  startKeeper(): { stop(): void } {
    this.keeperOn = true;
    this.scheduleKeeper(0);
    return {
      stop: () => {
        this.keeperOn = false;
        this.cancelKeeper?.();
      },
    };
  }

  kick(agentId: AgentId): void {
    if (this.gate && !this.gate.admit(agentId)) return;
    this.queue.kick(agentId);
  }

  /** Runs fn serialised with the agent's other work (link changes). */
  exclusive<T>(agentId: AgentId, fn: () => Promise<T>): Promise<T> {
    return this.queue.exclusive(agentId, fn);
  }

  /** Agent runs in flight and agents waiting for one (diagnostics). */
  load(): { running: number; queued: number } {
    return this.queue.size();
  }

  /** Resolves when no agent work is running or waiting (used by tests and benchmarks). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  async stop(timeoutMs: number): Promise<void> {
    this.stopped = true;
    this.cancelKeeper?.();
    await this.queue.stop(timeoutMs);
  }

  private async runAgent(agentId: AgentId): Promise<RunOutcome> {
    if (!this.gate) return this.runOwned(agentId);
    return this.gate.guard(agentId, (lease) => this.runOwned(agentId, underLease(this.deps, lease)));
  }

  private async runOwned(agentId: AgentId, deps: SyncDeps = this.deps): Promise<RunOutcome> {
    await settleUnhandled(deps, agentId, this.handled);
    const inbox = await processCcInbox(deps, agentId);
    const steps = [
      () => reconcileSession(deps, agentId),
      () => reconcileRichPresence(deps, agentId),
      ...this.extraSteps.map((s) => () => s(agentId, deps)),
    ];
    let retry = inbox.retry;
    for (const step of steps) {
      if (retry) break;
      retry = (await step())?.retry;
    }
    if (!retry) return;
    this.deps.logger.warn({ agentId, error: retry }, 'Graph unavailable; agent work kept for retry');
    return { retryAfterMs: this.queue.backoff(agentId) };
  }

  private queueFull(): boolean {
    return this.queue.size().queued >= this.maxQueued;
  }

  private scheduleKeeper(delayMs: number): void {
    if (this.stopped || !this.keeperOn) return;
    this.cancelKeeper = this.deps.clock.setTimer(delayMs, () => {
      void this.keepSessions().finally(() => this.scheduleKeeper(KEEPER_INTERVAL_MS));
    });
  }

  /**
   * Reads the sessions near expiry a page at a time and kicks those due, until the queue is full: the rest are
   * still due at the next pass (the refreshed ones are not: their expiry moved), so nothing is held meanwhile.
   */
  private async keepSessions(): Promise<void> {
    try {
      const horizon = this.deps.clock.now() + REFRESH_MARGIN_MS + REFRESH_SPREAD_MAX_MS;
      const before = new Date(horizon).toISOString();
      let after: SessionPage['after'];
      while (!this.stopped && this.keeperOn && !this.queueFull()) {
        const page = await this.deps.store.sessionsExpiringBefore(before, { limit: KEEPER_PAGE, after });
        for (const state of page) if (refreshDue(this.deps, state)) this.kick(state.agentId);
        const last = page[page.length - 1];
        if (page.length < KEEPER_PAGE || !last?.session) break;
        after = { expiresAt: last.session.expiresAt, agentId: last.agentId };
      }
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'session keeper failed');
    }
  }
}
