// Live presence between the directory and Teams: user.presence (a person's UC presence) as an engine step,
// and directory.presence out, fed by every accepted Teams change (notifications and the agents' poller) and by
// the budgeted poller of the other directory people, which runs with the Teams watch on its leader.
import { randomUUID } from 'node:crypto';
import type { Config } from '../src/config';
import { reportDirectoryPresence, type ObservedDirectoryPresence } from '../src/directory/directory-presence';
import { DirectoryPresencePoller } from '../src/directory/directory-presence-poller';
import { teamsUserId } from '../src/domain/ids';
import type { DirectoryStore } from '../src/ports/directory-store.port';
import type { RunningRole } from '../src/ports/leadership.port';
import type { UserDirectory } from '../src/ports/user-directory.port';
import type { PresenceBudget } from '../src/sync/presence-budget';
import type { SyncDeps } from '../src/sync/sync-deps';
import type { SyncEngine } from '../src/sync/sync-engine';
import { processUserPresence, USER_PRESENCE } from '../src/sync/user-presence';
import type { TeamsWatch } from './teams-watch';

/** Directory people are polled only while at least this share of the reads' quota is free: agents first. */
const FREE_READ_SHARE = 0.25;
const ROLE_STOP_MS = 2500;

export interface DirectoryPresenceParts {
  readonly config: Config;
  readonly sync: SyncDeps;
  readonly engine: SyncEngine;
  readonly watch: Pick<TeamsWatch, 'onAccepted' | 'onPresenceRead' | 'outboundQueued'>;
  readonly directory: DirectoryStore;
  readonly users: UserDirectory;
  readonly budget: PresenceBudget;
}

export interface DirectoryPresence {
  /** Starts the poller of directory people (the teams-watch role, bot/roles.ts). */
  startPoller(covered: () => ReadonlySet<string>): RunningRole;
  /** The directory poller running here (this instance leads the Teams watch), else null. */
  poller(): DirectoryPresencePoller | null;
  /** Reports observed Teams presence (tests and the poller); returns how many messages were queued. */
  report(observed: readonly ObservedDirectoryPresence[]): Promise<number>;
}

export function setUpDirectoryPresence(parts: DirectoryPresenceParts): DirectoryPresence {
  const { sync, directory, watch } = parts;
  parts.engine.addStep(
    (key, run) => processUserPresence({ ...sync, ...run, directory, users: parts.users }, key),
    [USER_PRESENCE],
  );
  const deps = {
    store: sync.store,
    directory,
    profile: sync.profile,
    clock: sync.clock,
    outboundEnabled: parts.config.ccOutboundUrl !== null,
    newId: randomUUID,
    outboundQueued: () => watch.outboundQueued(),
  };
  const report = (observed: readonly ObservedDirectoryPresence[]) => reportDirectoryPresence(deps, observed);
  watch.onAccepted(async (changes) => {
    const carried = changes.flatMap((c) =>
      c.presence ? [{ teamsUserId: teamsUserId(c.teamsUserId), ...pair(c.presence) }] : [],
    );
    await report(carried);
    const unread = changes.filter((c) => c.presence === undefined).map((c) => c.teamsUserId);
    // Reading waits for the presence budget, and Graph wants the notification answered within 3 s: the
    // read happens after the answer. A crash before it loses only this change; the person's next one sends.
    if (unread.length > 0)
      void readAndReport(unread, parts, report).catch((error: unknown) =>
        sync.logger.warn({ users: unread.length, err: String(error) }, 'directory presence read failed'),
      );
  });
  // Inside an agent's run: a directory failure must not hold the agent's own work back.
  watch.onPresenceRead(async (change) => {
    await report([{ teamsUserId: teamsUserId(change.teamsUserId), ...pair(change.presence) }]).catch(
      (error: unknown) => sync.logger.warn({ err: String(error) }, 'directory presence not recorded'),
    );
  });
  let running: DirectoryPresencePoller | null = null;
  return {
    report,
    poller: () => running,
    startPoller(covered) {
      const poller = new DirectoryPresencePoller(
        sync.store,
        directory,
        sync.gateway,
        sync.clock,
        sync.logger,
        {
          intervalMs: parts.config.directoryPollSeconds * 1000,
          covered,
          busy: () => parts.budget.available('read') < parts.budget.readLimit * FREE_READ_SHARE,
          report: (observed) => report(observed),
        },
      );
      running = poller;
      poller.start();
      return {
        stop: async () => {
          if (running === poller) running = null;
          await poller.stop(ROLE_STOP_MS);
        },
      };
    },
  };
}

/**
 * A basic notification carries no presence. A linked user's is read by the agent's run (onPresenceRead);
 * the other directory people's are read here, in one batched call.
 */
async function readAndReport(
  unread: readonly string[],
  parts: DirectoryPresenceParts,
  report: (observed: readonly ObservedDirectoryPresence[]) => Promise<number>,
): Promise<void> {
  const unlinked: string[] = [];
  for (const id of unread)
    if (!(await parts.sync.store.getLinkByTeamsUser(teamsUserId(id.toLowerCase())))) unlinked.push(id);
  if (unlinked.length === 0) return;
  const targets = await parts.directory.presenceTargets(unlinked.map(teamsUserId));
  if (targets.length === 0) return;
  const read = await parts.sync.gateway.getPresences(targets.map((t) => t.teamsUserId));
  await report(read.map((p) => ({ teamsUserId: p.userId, ...pair(p) })));
}

const pair = (p: { availability: string; activity: string }) => ({
  availability: p.availability,
  activity: p.activity,
});
