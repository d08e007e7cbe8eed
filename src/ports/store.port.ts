// Durable state. Adapters: src/adapters/sqlite (embedded, default) and src/adapters/postgres; both must pass
// test/contract/store.contract.ts. Every method is atomic; "accepted" means committed to disk.
import type { Decision } from '../domain/decision';
import type { InboxEvent } from '../domain/events';
import type { AgentId, TeamsUserId } from '../domain/ids';
import type { TeamsPresence } from '../domain/presence';
import type { AppliedRichPresence } from '../domain/rich-presence';

export type InboxOutcome = 'applied' | 'stale' | 'superseded' | 'failed' | 'ignored';

/** A settled event's outcome; `reason` says why a failed one failed (e.g. "chat_relay_unavailable"). */
export interface EventOutcome {
  readonly id: string;
  readonly outcome: InboxOutcome;
  readonly reason?: string;
}

export interface StoredInboxEvent {
  /** Monotonic arrival order, used to keep per-agent order stable. */
  readonly seq: number;
  readonly event: InboxEvent;
  readonly receivedAt: string;
}

export interface AgentRecord {
  readonly agentId: AgentId;
  readonly email: string;
  readonly displayName: string;
  readonly jobTitle?: string;
  readonly identities: readonly string[];
}

export interface Link {
  readonly agentId: AgentId;
  readonly teamsUserId: TeamsUserId;
  readonly upn?: string;
  readonly createdAt: string;
}

/** Our Graph presence session for an agent's Teams user, as we last set it. */
export interface PresenceSession {
  readonly presence: TeamsPresence;
  /** ISO time the session expires at Graph unless refreshed. */
  readonly expiresAt: string;
}

/** A request we made of the contact center that we may undo when the Teams activity ends. */
export interface Hold {
  /** The state we asked for, e.g. "Work Offline". */
  readonly requested: string;
  /** The state to restore, e.g. "Available". */
  readonly restoreTo: string;
  readonly since: string;
}

export interface ObservedTeams extends TeamsPresence {
  readonly sequenceNumber?: string;
  readonly observedAt: string;
}

/** Everything the sync engine knows about one agent; read and written whole. */
export interface AgentSyncState {
  readonly agentId: AgentId;
  readonly ccState: string | null;
  /** occurredAt of the last applied agent.state; older ones are stale. */
  readonly ccStateAt: string | null;
  readonly ccChangedBy: 'agent' | 'system' | null;
  readonly session: PresenceSession | null;
  readonly teams: ObservedTeams | null;
  readonly hold: Hold | null;
  /** The status message and preferred presence we last set for the agent's Teams user; absent: none. */
  readonly rich?: AppliedRichPresence | null;
  /**
   * The version read (every commit of the state adds 1; 0: none was stored). A state committed with one is
   * written only if the stored state still has it, else the commit is a conflict; without one, written blind.
   */
  readonly version?: number;
}

export interface OutboundMessage {
  /** Unique id sent to the contact center (its idempotency key). */
  readonly id: string;
  readonly agentId: AgentId;
  readonly type: string;
  /** The full JSON body to post. */
  readonly body: Readonly<Record<string, unknown>>;
}

export interface OutboxEntry extends OutboundMessage {
  readonly seq: number;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly createdAt: string;
  readonly lastError: string | null;
  readonly status: 'pending' | 'delivered' | 'parked';
}

/** A page of listLinks: at most `limit` links whose agent id sorts after `afterAgentId`. */
export interface LinkPage {
  readonly limit: number;
  readonly afterAgentId?: AgentId;
}

/** A page of sessionsExpiringBefore: at most `limit` states after `after` (its session's expiry, then its id). */
export interface SessionPage {
  readonly limit: number;
  readonly after?: { readonly expiresAt: string; readonly agentId: AgentId };
}

/** One atomic write: all of it is committed, or none. */
export interface Commit {
  readonly eventOutcomes?: readonly EventOutcome[];
  readonly agentStates?: readonly AgentSyncState[];
  readonly upsertAgents?: readonly AgentRecord[];
  readonly removeAgents?: readonly AgentId[];
  readonly decisions?: readonly Decision[];
  readonly outbound?: readonly OutboundMessage[];
}

/** What commit did: empty stateConflicts means all of it was applied; otherwise none of it was. */
export interface CommitResult {
  /** Agents whose state another commit changed since it was read (retry from a fresh read). */
  readonly stateConflicts: readonly AgentId[];
}

export const COMMITTED: CommitResult = { stateConflicts: [] };

export interface AcceptResult {
  readonly accepted: number;
  readonly duplicates: number;
  /** Agents that have new pending events. */
  readonly agents: readonly AgentId[];
}

export interface Store {
  /** Durably stores the events not seen before (by id) in one transaction; duplicates are counted, not stored. */
  acceptEvents(events: readonly InboxEvent[], receivedAt: string): Promise<AcceptResult>;
  /**
   * Agents with pending inbox events, the one with the oldest pending event first; at most `limit` when given
   * (the engine asks only for as many as its queue has room for, so 100,000 waiting agents are not read at once).
   */
  agentsWithPendingEvents(limit?: number): Promise<AgentId[]>;
  /** Where an accepted event stands ('pending' until settled, with the reason of a failure); null if unknown. */
  eventStatus(id: string): Promise<{ status: InboxOutcome | 'pending'; reason: string | null } | null>;
  /** The agent's pending events in arrival order; does not change them. */
  pendingEvents(agentId: AgentId): Promise<StoredInboxEvent[]>;
  /**
   * Applies a Commit atomically, parts in this order: outcomes, upsertAgents, removeAgents, agentStates,
   * decisions, outbound. removeAgents deletes the agent records only (links, states and logs stay).
   * Throws, applying nothing: CodedError('event_not_pending') if an outcome names an event that is unknown or
   * no longer pending (e.g. another worker settled it); CodedError('duplicate_outbound') for an existing id.
   * A state whose version is stale is not an error: nothing is applied and the result names the agent.
   */
  commit(commit: Commit): Promise<CommitResult>;

  getAgent(agentId: AgentId): Promise<AgentRecord | null>;
  listAgents(): Promise<AgentRecord[]>;

  /**
   * Returns "created" or "updated". Throws CodedError('link_conflict') if the Teams user is linked to another
   * agent. An update keeps the stored createdAt while the Teams user stays the same.
   */
  putLink(link: Link): Promise<'created' | 'updated'>;
  /** Returns false when there was no link. */
  deleteLink(agentId: AgentId): Promise<boolean>;
  getLinkByAgent(agentId: AgentId): Promise<Link | null>;
  getLinkByTeamsUser(userId: TeamsUserId): Promise<Link | null>;
  /** By agent id; with a page, at most `limit` links after `afterAgentId` (pollers read a page at a time). */
  listLinks(page?: LinkPage): Promise<Link[]>;

  /** Null when the agent has no state yet. */
  getAgentState(agentId: AgentId): Promise<AgentSyncState | null>;
  /**
   * States whose session expires before isoTime (for keep-alive), soonest first (ties by agent id). With a page,
   * at most `limit` of them, starting after the cursor (the last state of the previous page): read a page at a
   * time, the keeper never holds every session in memory.
   */
  sessionsExpiringBefore(isoTime: string, page?: SessionPage): Promise<AgentSyncState[]>;
  lastDecision(agentId: AgentId): Promise<Decision | null>;
  /** Newest first (in the order committed). Only the newest 200 per agent are kept. */
  listDecisions(agentId: AgentId, limit: number): Promise<Decision[]>;

  /**
   * Oldest pending entry per agent that is due at isoTime (strict per-agent order: later ones wait), oldest
   * first. A new entry is due at once. A parked entry is out of the line: it no longer blocks later ones.
   */
  dueOutbound(isoTime: string, limit: number): Promise<OutboxEntry[]>;
  /**
   * Claims what dueOutbound would offer at isoTime that no other dispatcher holds: each entry is leased to
   * the caller for leaseMs (until then, or until it is marked, others skip it), so two dispatchers never
   * deliver one entry at once, and an agent's later entries wait behind its claimed head. Oldest first.
   */
  claimOutbound(isoTime: string, leaseMs: number, limit: number): Promise<OutboxEntry[]>;
  /**
   * Each mark records one attempt (attempts + 1) on a pending entry and ends its claim; on an entry no longer
   * pending it changes nothing. An unknown id throws CodedError('unknown_outbound').
   */
  markDelivered(id: string): Promise<void>;
  markRetry(id: string, nextAttemptAt: string, error: string): Promise<void>;
  markParked(id: string, error: string): Promise<void>;
  /** Pending and parked entries of one agent, oldest first. */
  outboundFor(agentId: AgentId): Promise<OutboxEntry[]>;

  /** Small persisted settings, e.g. the active mapping profile. */
  getSetting(key: string): Promise<string | null>;
  putSetting(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
