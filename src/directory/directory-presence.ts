// Live directory presence (seed 001's Teams → vendor table): the Teams presence of directory people reaches the
// contact center as `directory.presence` in the vendor's directory terms, through the durable signed outbox.
// A message leaves only when the vendor presence differs from the one last queued for that person (kept in
// the DirectoryStore, so every instance and every restart agrees); Teams changes that map to the same vendor
// presence (Busy/InACall → Busy/InAConferenceCall, both onCall) send nothing.
import { teamsToVendorPresence } from '../domain/directory-presence';
import type { TeamsUserId } from '../domain/ids';
import { personKey } from '../domain/person-key';
import { samePresence, type TeamsPresence } from '../domain/presence';
import type { PresenceProfile } from '../domain/profile';
import type { Clock } from '../ports/clock.port';
import type { DirectoryPresenceTarget, DirectoryStore, PresenceRecord } from '../ports/directory-store.port';
import type { OutboundMessage, Store } from '../ports/store.port';

export const DIRECTORY_PRESENCE = 'directory.presence';

export interface ObservedDirectoryPresence extends TeamsPresence {
  readonly teamsUserId: TeamsUserId;
}

export interface DirectoryPresenceDeps {
  readonly store: Pick<Store, 'commit'>;
  readonly directory: Pick<DirectoryStore, 'presenceTargets' | 'recordPresence'>;
  readonly profile: () => PresenceProfile;
  readonly clock: Clock;
  /** False without CC_OUTBOUND_URL: presence is recorded for the directory, nothing is queued or marked sent. */
  readonly outboundEnabled: boolean;
  readonly newId: () => string;
  /** Called after a commit that queued messages. */
  readonly outboundQueued: () => void;
}

/**
 * Records the Teams presence of those observed who are directory people, and queues one directory.presence
 * for each whose vendor presence changed. Others (not in the directory) are ignored. Returns how many were
 * queued. Queued first, marked sent after: a crash between sends the message again (at least once), never loses it.
 */
export async function reportDirectoryPresence(
  deps: DirectoryPresenceDeps,
  observed: readonly ObservedDirectoryPresence[],
): Promise<number> {
  if (observed.length === 0) return 0;
  const byId = new Map(observed.map((o) => [o.teamsUserId.toLowerCase(), o]));
  const targets = await deps.directory.presenceTargets([...new Set(observed.map((o) => o.teamsUserId))]);
  const profile = deps.profile();
  const now = new Date(deps.clock.now()).toISOString();
  const outbound: OutboundMessage[] = [];
  const records: PresenceRecord[] = [];
  for (const target of targets) {
    const seen = byId.get(target.teamsUserId.toLowerCase());
    if (!seen) continue;
    const teams = { availability: seen.availability, activity: seen.activity };
    const vendor = teamsToVendorPresence(profile, teams);
    if (vendor !== null && vendor !== target.sentPresence && deps.outboundEnabled) {
      outbound.push(message(deps.newId(), now, target, vendor, teams));
      records.push({ teamsUserId: target.teamsUserId, teams, sent: vendor });
    } else if (!target.teams || !samePresence(target.teams, teams)) {
      records.push({ teamsUserId: target.teamsUserId, teams });
    }
  }
  if (outbound.length > 0) await deps.store.commit({ outbound });
  await deps.directory.recordPresence(records);
  if (outbound.length > 0) deps.outboundQueued();
  return outbound.length;
}

function message(
  id: string,
  now: string,
  target: DirectoryPresenceTarget,
  presence: string,
  teams: TeamsPresence,
): OutboundMessage {
  // The outbox orders messages per agent: a person's messages are ordered under their agent or person key.
  const queue = target.agentId ?? personKey(target.email);
  const body = {
    id,
    type: DIRECTORY_PRESENCE,
    occurredAt: now,
    email: target.email,
    teamsUserId: target.teamsUserId,
    presence,
    teams,
  };
  return { id, agentId: queue, type: DIRECTORY_PRESENCE, body };
}
