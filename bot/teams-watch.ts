// Teams → contact center wiring: every presence call goes through one quota budget; Teams changes (polling
// now, notifications when sync accounts exist) enter the durable inbox; the rule engine runs in each agent's
// serialised pass; requests leave through the durable outbox.
import { randomUUID } from 'node:crypto';
import { HttpContactCenterTransport } from '../src/adapters/cc-http';
import type { Config } from '../src/config';
import type { Clock } from '../src/ports/clock.port';
import type { RunningRole } from '../src/ports/leadership.port';
import type { Logger } from '../src/ports/logger.port';
import type { Store } from '../src/ports/store.port';
import { OutboxDispatcher } from '../src/sync/outbox-dispatcher';
import { PresencePoller } from '../src/sync/presence-poller';
import { BatchingPresenceReader } from '../src/sync/presence-reader';
import type { SyncDeps } from '../src/sync/sync-deps';
import type { SyncEngine } from '../src/sync/sync-engine';
import { acceptTeamsChanges, type TeamsChange } from '../src/sync/teams-changes';
import { processTeamsInbox } from '../src/sync/teams-inbox';

export interface TeamsWatch {
  /** Durably stores Teams changes and wakes their agents (the notification route's sink). */
  accept(changes: readonly TeamsChange[]): Promise<void>;
  /** The "poller" role (bot/roles.ts): polls the linked users no live subscription covers. */
  startPoller(covered: () => ReadonlySet<string>): RunningRole;
  /** The "outbound" role: delivers the outbox; null without CC_OUTBOUND_URL. */
  startDispatcher(): RunningRole | null;
  /** New outbound messages: wakes this instance's dispatcher if it runs here (the leader polls anyway). */
  outboundQueued(): void;
  /** Also hands every accepted batch of Teams changes (linked or not) to `listener` (live directory presence). */
  onAccepted(listener: (changes: readonly TeamsChange[]) => Promise<void>): void;
  /** Also hands `listener` each linked user's presence an agent run read for a basic notification. */
  onPresenceRead(listener: (change: Required<TeamsChange>) => Promise<void>): void;
  /** The dispatcher running here, if this instance leads the outbound role. */
  readonly dispatcher: OutboxDispatcher | null;
}

/** Each role gets at most this long to finish its work in flight when it stops. */
const ROLE_STOP_MS = 2500;

export function setUpTeamsWatch(
  config: Config,
  sync: SyncDeps,
  engine: SyncEngine,
  ccOutboundSecret: string,
): TeamsWatch {
  const { store, clock, logger } = sync;
  const newDispatcher = () => outbound(config, store, clock, logger, ccOutboundSecret);
  const enabled = config.ccOutboundUrl !== null;
  if (!enabled) warnNoOutbound(logger);
  let dispatcher: OutboxDispatcher | null = null;
  const readListeners: Array<(change: Required<TeamsChange>) => Promise<void>> = [];
  // One reader for every agent, so the basic notifications of many users become one getPresencesByUserId.
  const teamsDeps = {
    ...sync,
    reader: new BatchingPresenceReader(sync.gateway, clock),
    outboundEnabled: enabled,
    newId: randomUUID,
    outboundQueued: () => dispatcher?.kick(),
    presenceRead: async (teamsUserId: string, presence: Required<TeamsChange>['presence']) => {
      for (const listener of readListeners) await listener({ teamsUserId, presence });
    },
  };
  engine.addStep((agentId) => processTeamsInbox(teamsDeps, agentId), ['teams.presence']);
  const listeners: Array<(changes: readonly TeamsChange[]) => Promise<void>> = [];
  const accept = async (changes: readonly TeamsChange[]) => {
    const agents = await acceptTeamsChanges(store, changes, new Date(clock.now()).toISOString(), randomUUID);
    agents.forEach((a) => engine.kick(a));
    for (const listener of listeners) await listener(changes);
  };
  return {
    accept,
    onAccepted: (listener) => void listeners.push(listener),
    onPresenceRead: (listener) => void readListeners.push(listener),
    get dispatcher() {
      return dispatcher;
    },
    outboundQueued: () => dispatcher?.kick(),
    startDispatcher() {
      const running = enabled ? newDispatcher() : null;
      if (!running) return null;
      dispatcher = running;
      running.start();
      return {
        stop: async () => {
          if (dispatcher === running) dispatcher = null;
          await running.stop(ROLE_STOP_MS);
        },
      };
    },
    startPoller(covered) {
      const poller = new PresencePoller(store, sync.gateway, clock, logger, {
        maxIntervalMs: config.presencePollSeconds * 1000,
        covered,
        onChanged: (changes) =>
          accept(changes.map((c) => ({ teamsUserId: c.teamsUserId, presence: c.presence }))),
      });
      poller.start();
      return { stop: () => poller.stop(ROLE_STOP_MS) };
    },
  };
}

function warnNoOutbound(logger: Logger): void {
  logger.warn(
    {},
    'CC_OUTBOUND_URL is not set: Teams-side changes are decided and logged but not sent to the contact center',
  );
}

function outbound(
  config: Config,
  store: Store,
  clock: Clock,
  logger: Logger,
  secret: string,
): OutboxDispatcher | null {
  if (!config.ccOutboundUrl) return null;
  const transport = new HttpContactCenterTransport({ url: config.ccOutboundUrl, secret, clock });
  return new OutboxDispatcher(store, transport, clock, logger, {
    parkAfterMs: config.ccOutboundParkAfterSeconds * 1000,
  });
}
