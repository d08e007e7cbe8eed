// Runs each once-per-tenant role only while this instance leads it (src/ports/leadership.port.ts): a follower
// starts the role when it gains the lock and stops it when it loses it. Changes of one role are applied in
// order, so a quick lose-gain never leaves two copies of it running.
import { PostgresLeadership } from '../src/adapters/postgres';
import { soleLeadership } from '../src/adapters/sqlite';
import type { Config } from '../src/config';
import type { LeaderRole, Leadership, RunningRole } from '../src/ports/leadership.port';
import type { Logger } from '../src/ports/logger.port';
import type { SubscriptionManager } from '../src/subscriptions/subscription-manager';
import type { PendingSweep } from '../src/sync/pending-sweep';
import type { Pruner } from '../src/sync/pruner';
import type { SyncEngine } from '../src/sync/sync-engine';
import type { TeamsWatch } from './teams-watch';

export type RoleStarter = () => Promise<RunningRole> | RunningRole;

export class Roles {
  private readonly running = new Map<LeaderRole, RunningRole>();
  private readonly chains = new Map<LeaderRole, Promise<void>>();
  private closed = false;

  constructor(
    private readonly leadership: Leadership,
    private readonly logger: Logger,
  ) {}

  /** Starts `start` whenever this instance gains the role. */
  add(role: LeaderRole, start: RoleStarter): void {
    this.leadership.watch(role, (leading) => this.enqueue(role, () => this.change(role, leading, start)));
  }

  /** The roles running here now (diagnostics and tests). */
  active(): LeaderRole[] {
    return [...this.running.keys()];
  }

  /** Stops every role here, then gives up the leadership so another instance takes over. */
  async stop(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.chains.values()]);
    await Promise.all([...this.running.keys()].map((role) => this.halt(role)));
    await this.leadership.close();
  }

  private enqueue(role: LeaderRole, step: () => Promise<void>): void {
    const next = (this.chains.get(role) ?? Promise.resolve()).then(step);
    this.chains.set(role, next);
  }

  private async change(role: LeaderRole, leading: boolean, start: RoleStarter): Promise<void> {
    if (!leading || this.closed) return this.halt(role);
    if (this.running.has(role)) return;
    try {
      this.running.set(role, await start());
    } catch (error) {
      this.logger.error({ role, err: String(error) }, 'could not start a role this instance leads');
    }
  }

  private async halt(role: LeaderRole): Promise<void> {
    const running = this.running.get(role);
    this.running.delete(role);
    try {
      await running?.stop();
    } catch (error) {
      this.logger.error({ role, err: String(error) }, 'a role failed to stop');
    }
  }
}

export interface RoleParts {
  readonly engine: Pick<SyncEngine, 'startKeeper'>;
  readonly watch: Pick<TeamsWatch, 'startPoller' | 'startDispatcher'>;
  readonly subscriptions: Pick<SubscriptionManager, 'start' | 'stop' | 'coveredUsers'> | null;
  readonly newPruner: () => Pruner;
  readonly newSweep: () => PendingSweep;
  /** Polls the directory people no subscription covers (started with the Teams watch); null: none. */
  readonly directoryPoller?: ((covered: () => ReadonlySet<string>) => RunningRole) | null;
}

/** The once-per-tenant roles of the service, each started where this instance leads it. */
export function leaderRoles(leadership: Leadership, logger: Logger, parts: RoleParts): Roles {
  const roles = new Roles(leadership, logger);
  const subs = parts.subscriptions;
  roles.add('teams-watch', async () => {
    await subs?.start();
    const covered = () => subs?.coveredUsers() ?? new Set<string>();
    const poller = parts.watch.startPoller(covered);
    const directory = parts.directoryPoller?.(covered);
    return {
      stop: async () => void (await Promise.all([poller.stop(), directory?.stop(), subs?.stop()])),
    };
  });
  roles.add('session-keeper', () => parts.engine.startKeeper());
  roles.add('pruner', () => {
    const pruner = parts.newPruner();
    pruner.start();
    return pruner;
  });
  roles.add('sweeper', () => {
    const sweep = parts.newSweep();
    sweep.start();
    return sweep;
  });
  roles.add('outbound', () => parts.watch.startDispatcher() ?? { stop: () => undefined });
  return roles;
}

/** PostgreSQL: an advisory lock per role, shared by the instances of one schema; embedded: this process. */
export function leadershipFor(config: Config, logger: Logger): Leadership {
  if (!config.databaseUrl) return soleLeadership();
  return new PostgresLeadership({ url: config.databaseUrl, schema: config.databaseSchema, logger });
}
