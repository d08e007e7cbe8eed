// Only the owner of an agent's shard runs the agent's work (issue 13). The gate is told which shards this
// instance owns (ShardEvents) and decides for the sync engine: a kick for an agent owned here is run here,
// one for an agent owned elsewhere wakes its owner instead; a run starts only while the shard is owned and
// counts as in flight, so a shard given up to rebalance is first drained and its next owner never runs an
// agent at the same time as this instance. A gained shard's pending work is read from the store, where it
// waits in arrival order, so per-agent order holds across a takeover.
import type { AgentId } from '../domain/ids';
import type { Logger } from '../ports/logger.port';
import type { ShardEvents, ShardOwnership } from '../ports/shard-ownership.port';
import type { RunLease } from './run-lease';
import { SHARD_COUNT, shardOf } from './shards';

/** What the sync engine asks before it queues or starts an agent's run. */
export interface AgentRunGate {
  /** True when a kick for the agent is to run here; otherwise the gate has passed it to the owner. */
  admit(agentId: AgentId): boolean;
  /** True when the agent's shard is run here now (no side effect, unlike admit). */
  owns(agentId: AgentId): boolean;
  /**
   * Runs `run` if this instance owns the agent's shard now, as in-flight work of the shard; else skips it.
   * `run` is given its lease: true while the shard has been held without a break since the run began.
   */
  guard<T>(agentId: AgentId, run: (lease: RunLease) => Promise<T>): Promise<T | undefined>;
}

export interface ShardGateDeps {
  readonly ownership: Pick<ShardOwnership, 'wake'>;
  /** Queues a run here (the engine's kick, which asks admit first). */
  readonly kick: (agentId: AgentId) => void;
  /** Agents with pending work in the store (the engine's sweep source). */
  readonly pendingAgents: () => Promise<readonly AgentId[]>;
  readonly logger: Logger;
  readonly count?: number;
  /** Told the number of shards owned here after every change (e.g. to size this instance's quota part). */
  readonly shareChanged?: (owned: number, count: number) => void;
  /** Longest wait for a released shard's runs in flight; default 10 s (a run's Graph calls time out sooner). */
  readonly drainTimeoutMs?: number;
}

export class ShardGate implements AgentRunGate, ShardEvents {
  private readonly owned = new Set<number>();
  private readonly leaving = new Set<number>();
  private readonly inFlight = new Map<number, number>();
  /** Bumped whenever a shard is lost, so a run can tell that its shard changed hands meanwhile. */
  private readonly grants = new Map<number, number>();
  private readonly drained = new Map<number, Array<() => void>>();
  private readonly count: number;

  constructor(private readonly deps: ShardGateDeps) {
    this.count = deps.count ?? SHARD_COUNT;
  }

  admit(agentId: AgentId): boolean {
    if (this.owns(agentId)) return true;
    this.deps.ownership.wake(agentId);
    return false;
  }

  owns(agentId: AgentId): boolean {
    return this.runsHere(shardOf(agentId, this.count));
  }

  async guard<T>(agentId: AgentId, run: (lease: RunLease) => Promise<T>): Promise<T | undefined> {
    const shard = shardOf(agentId, this.count);
    if (!this.runsHere(shard)) return undefined;
    const grant = this.grants.get(shard) ?? 0;
    const lease = () => this.runsHere(shard) && (this.grants.get(shard) ?? 0) === grant;
    this.inFlight.set(shard, (this.inFlight.get(shard) ?? 0) + 1);
    try {
      return await run(lease);
    } finally {
      const left = (this.inFlight.get(shard) ?? 1) - 1;
      if (left > 0) this.inFlight.set(shard, left);
      else this.settle(shard);
    }
  }

  /** Shards owned here and not being given up (diagnostics). */
  ownedShards(): number[] {
    return [...this.owned].filter((s) => !this.leaving.has(s)).sort((a, b) => a - b);
  }

  gained(shards: readonly number[]): void {
    for (const shard of shards) {
      this.owned.add(shard);
      this.leaving.delete(shard);
    }
    this.deps.shareChanged?.(this.owned.size, this.count);
    void this.resume(new Set(shards));
  }

  async releasing(shards: readonly number[]): Promise<void> {
    shards.forEach((shard) => this.leaving.add(shard));
    const busy = shards.filter((shard) => this.inFlight.has(shard));
    if (busy.length === 0) return;
    const waits = busy.map((shard) => new Promise<void>((resolve) => this.onDrained(shard, resolve)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.deps.drainTimeoutMs ?? 10_000);
    });
    const result = await Promise.race([Promise.all(waits), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') this.deps.logger.warn({ shards: busy }, 'shards given up with work in flight');
  }

  lost(shards: readonly number[]): void {
    for (const shard of shards) {
      this.grants.set(shard, (this.grants.get(shard) ?? 0) + 1);
      this.owned.delete(shard);
      this.leaving.delete(shard);
    }
    this.deps.shareChanged?.(this.owned.size, this.count);
  }

  woken(agentId: AgentId): void {
    // Not passed on again when the shard is being given up: its next owner reads the work from the store.
    if (this.runsHere(shardOf(agentId, this.count))) this.deps.kick(agentId);
  }

  private runsHere(shard: number): boolean {
    return this.owned.has(shard) && !this.leaving.has(shard);
  }

  private onDrained(shard: number, resolve: () => void): void {
    this.drained.set(shard, [...(this.drained.get(shard) ?? []), resolve]);
  }

  private settle(shard: number): void {
    this.inFlight.delete(shard);
    for (const resolve of this.drained.get(shard) ?? []) resolve();
    this.drained.delete(shard);
  }

  /** Kicks the agents of newly gained shards that have work pending in the store. */
  private async resume(shards: ReadonlySet<number>): Promise<void> {
    try {
      const agents = await this.deps.pendingAgents();
      for (const agentId of agents) if (shards.has(shardOf(agentId, this.count))) this.deps.kick(agentId);
    } catch (error) {
      this.deps.logger.error({ err: String(error) }, 'could not list the pending work of gained shards');
    }
  }
}
