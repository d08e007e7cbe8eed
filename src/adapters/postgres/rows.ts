// Row ↔ domain mapping for the PostgreSQL adapter, in one place. The driver parses json columns already and
// returns bigint columns as strings (they may exceed 2^53; our sequences will not).
import type { Decision } from '../../domain/decision';
import type { InboxEvent } from '../../domain/events';
import type { AgentId } from '../../domain/ids';
import type { AgentRecord, AgentSyncState, OutboxEntry, StoredInboxEvent } from '../../ports/store.port';
import { epochMs } from '../store-rows';

export { epochMs, toLink, type LinkRow } from '../store-rows';

export interface InboxRow {
  readonly seq: string;
  readonly payload: InboxEvent;
  readonly received_at: string;
}

export interface AgentRow {
  readonly agent_id: string;
  readonly email: string;
  readonly display_name: string;
  readonly job_title: string | null;
  readonly identities: string[];
}

export interface StateRow {
  readonly agent_id: string;
  readonly cc_state: string | null;
  readonly cc_state_at: string | null;
  readonly cc_changed_by: AgentSyncState['ccChangedBy'];
  readonly session: AgentSyncState['session'];
  readonly teams: AgentSyncState['teams'];
  readonly hold: AgentSyncState['hold'];
  readonly rich_presence: AgentSyncState['rich'];
}

export interface DecisionRow {
  readonly agent_id: string;
  readonly at: string;
  readonly direction: Decision['direction'];
  readonly from_state: string;
  readonly to_state: string;
  readonly action: Decision['action'];
  readonly reason: string;
}

export interface OutboxRow {
  readonly seq: string;
  readonly id: string;
  readonly agent_id: string;
  readonly type: string;
  readonly body: OutboxEntry['body'];
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly created_at: string;
  readonly last_error: string | null;
  readonly status: OutboxEntry['status'];
}

/** A json parameter: always stringified here, since the driver would turn a JS array into a SQL array. */
export const jsonParam = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

export const toStoredEvent = (row: InboxRow): StoredInboxEvent => ({
  seq: Number(row.seq),
  event: row.payload,
  receivedAt: row.received_at,
});

export const toAgent = (row: AgentRow): AgentRecord => ({
  agentId: row.agent_id as AgentId,
  email: row.email,
  displayName: row.display_name,
  ...(row.job_title ? { jobTitle: row.job_title } : {}),
  identities: row.identities,
});

export const toState = (row: StateRow): AgentSyncState => ({
  agentId: row.agent_id as AgentId,
  ccState: row.cc_state,
  ccStateAt: row.cc_state_at,
  ccChangedBy: row.cc_changed_by,
  session: row.session,
  teams: row.teams,
  hold: row.hold,
  // Absent when nothing is set, so a state without it reads back as written.
  ...(row.rich_presence != null && { rich: row.rich_presence }),
});

/** Parameters $1..$9 of the state upsert. */
export const stateParams = (s: AgentSyncState): unknown[] => [
  s.agentId,
  s.ccState,
  s.ccStateAt,
  s.ccChangedBy,
  jsonParam(s.session),
  s.session ? epochMs(s.session.expiresAt, 'session.expiresAt') : null,
  jsonParam(s.teams),
  jsonParam(s.hold),
  jsonParam(s.rich ?? null),
];

export const toDecision = (row: DecisionRow): Decision => ({
  agentId: row.agent_id as AgentId,
  at: row.at,
  direction: row.direction,
  from: row.from_state,
  to: row.to_state,
  action: row.action,
  reason: row.reason,
});

/** Parameters $1..$7 of the decision insert. */
export const decisionParams = (d: Decision): unknown[] => [
  d.agentId,
  d.at,
  d.direction,
  d.from,
  d.to,
  JSON.stringify(d.action),
  d.reason,
];

export const toOutboxEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  agentId: row.agent_id as AgentId,
  type: row.type,
  body: row.body,
  seq: Number(row.seq),
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  lastError: row.last_error,
  status: row.status,
});
