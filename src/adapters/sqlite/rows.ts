// Row ↔ domain mapping for the SQLite adapter, in one place. JSON columns hold values this adapter wrote.
import type { Decision } from '../../domain/decision';
import type { InboxEvent } from '../../domain/events';
import type { AgentId } from '../../domain/ids';
import type { AgentRecord, AgentSyncState, OutboxEntry, StoredInboxEvent } from '../../ports/store.port';
import { epochMs } from '../store-rows';

export { epochMs, toLink, type LinkRow } from '../store-rows';

export interface InboxRow {
  readonly seq: number;
  readonly payload: string;
  readonly received_at: string;
}

export interface AgentRow {
  readonly agent_id: string;
  readonly email: string;
  readonly display_name: string;
  readonly job_title: string | null;
  readonly identities: string;
}

export interface StateRow {
  readonly agent_id: string;
  readonly cc_state: string | null;
  readonly cc_state_at: string | null;
  readonly cc_changed_by: string | null;
  readonly session: string | null;
  readonly session_expires_ms: number | null;
  readonly teams: string | null;
  readonly hold: string | null;
  readonly rich_presence: string | null;
}

export interface DecisionRow {
  readonly agent_id: string;
  readonly at: string;
  readonly direction: string;
  readonly from_state: string;
  readonly to_state: string;
  readonly action: string;
  readonly reason: string;
}

export interface OutboxRow {
  readonly seq: number;
  readonly id: string;
  readonly agent_id: string;
  readonly type: string;
  readonly body: string;
  readonly attempts: number;
  readonly next_attempt_at: string;
  readonly created_at: string;
  readonly last_error: string | null;
  readonly status: string;
}

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const text = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

export const toStoredEvent = (row: InboxRow): StoredInboxEvent => ({
  seq: row.seq,
  event: JSON.parse(row.payload) as InboxEvent,
  receivedAt: row.received_at,
});

export const toAgent = (row: AgentRow): AgentRecord => ({
  agentId: row.agent_id as AgentId,
  email: row.email,
  displayName: row.display_name,
  ...(row.job_title ? { jobTitle: row.job_title } : {}),
  identities: JSON.parse(row.identities) as string[],
});

export const toState = (row: StateRow): AgentSyncState => ({
  agentId: row.agent_id as AgentId,
  ccState: row.cc_state,
  ccStateAt: row.cc_state_at,
  ccChangedBy: row.cc_changed_by as AgentSyncState['ccChangedBy'],
  session: json<AgentSyncState['session']>(row.session),
  teams: json<AgentSyncState['teams']>(row.teams),
  hold: json<AgentSyncState['hold']>(row.hold),
  // Absent when nothing is set, so a state without it reads back as written.
  ...(row.rich_presence !== null && { rich: json<AgentSyncState['rich']>(row.rich_presence) }),
});

export const fromState = (state: AgentSyncState): StateRow => ({
  agent_id: state.agentId,
  cc_state: state.ccState,
  cc_state_at: state.ccStateAt,
  cc_changed_by: state.ccChangedBy,
  session: text(state.session),
  session_expires_ms: state.session ? epochMs(state.session.expiresAt, 'session.expiresAt') : null,
  teams: text(state.teams),
  hold: text(state.hold),
  rich_presence: text(state.rich ?? null),
});

export const toDecision = (row: DecisionRow): Decision => ({
  agentId: row.agent_id as AgentId,
  at: row.at,
  direction: row.direction as Decision['direction'],
  from: row.from_state,
  to: row.to_state,
  action: JSON.parse(row.action) as Decision['action'],
  reason: row.reason,
});

export const fromDecision = (d: Decision): DecisionRow => ({
  agent_id: d.agentId,
  at: d.at,
  direction: d.direction,
  from_state: d.from,
  to_state: d.to,
  action: JSON.stringify(d.action),
  reason: d.reason,
});

export const toOutboxEntry = (row: OutboxRow): OutboxEntry => ({
  id: row.id,
  agentId: row.agent_id as AgentId,
  type: row.type,
  body: JSON.parse(row.body) as OutboxEntry['body'],
  seq: row.seq,
  attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at,
  createdAt: row.created_at,
  lastError: row.last_error,
  status: row.status as OutboxEntry['status'],
});
