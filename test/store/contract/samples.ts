// Sample values and helpers shared by the Store contract's parts (test/contract/store.contract.ts).
import assert from 'node:assert/strict';
import type { Decision } from '../../../src/domain/decision';
import { CodedError } from '../../../src/domain/errors';
import type { AgentStateEvent, InboxEvent } from '../../../src/domain/events';
import { agentId, ccEventId, teamsUserId, type AgentId } from '../../../src/domain/ids';
import type { AgentSyncState, OutboundMessage, Store } from '../../../src/ports/store.port';
import { emptySyncState } from '../../../src/sync/inbox-plan';

/** The store under test; a function because each test gets a fresh one. */
export type StoreUnderTest = () => Store;

/** The number of decisions the port promises to keep per agent. */
export const DECISIONS_KEPT = 200;

export const A = agentId('A100');
export const B = agentId('A200');
export const C = agentId('A300');
export const T = '2025-03-01T10:00:00.000Z';

export const stateEvent = (id: string, agent: AgentId, state = 'Available'): AgentStateEvent => ({
  id: ccEventId(id),
  type: 'agent.state',
  occurredAt: T,
  agentId: agent,
  state,
});

/** One event of every inbox type, all for agent A, with optional fields present and absent. */
export const everyType = (prefix: string): InboxEvent[] => [
  { ...stateEvent(`${prefix}1`, A, 'Busy'), changedBy: 'agent' },
  {
    id: ccEventId(`${prefix}2`),
    type: 'agent.upsert',
    occurredAt: T,
    agentId: A,
    email: 'a@x.test',
    displayName: 'Ann',
    identities: ['work'],
  },
  { id: ccEventId(`${prefix}3`), type: 'agent.remove', occurredAt: T, agentId: A },
  {
    id: ccEventId(`${prefix}4`),
    type: 'chat.message',
    occurredAt: T,
    agentId: A,
    messageId: 'm1',
    to: { upn: 'b@x.test' },
    text: 'héllo ✓ "q" \n \u0000',
  },
  {
    id: ccEventId(`${prefix}5`),
    type: 'chat.edit',
    occurredAt: T,
    agentId: A,
    messageId: 'm1',
    text: 'edited',
  },
  { id: ccEventId(`${prefix}6`), type: 'chat.delete', occurredAt: T, agentId: A, messageId: 'm1' },
  {
    id: ccEventId(`${prefix}7`),
    type: 'teams.presence',
    occurredAt: T,
    agentId: A,
    presence: { availability: 'Busy', activity: 'InACall', sequenceNumber: '42' },
  },
  { id: ccEventId(`${prefix}8`), type: 'teams.presence', occurredAt: T, agentId: A },
];

export const fullState = (agent: AgentId, expiresAt = '2025-03-01T11:00:00.000Z'): AgentSyncState => ({
  agentId: agent,
  ccState: 'Busy',
  ccStateAt: T,
  ccChangedBy: 'system',
  session: { presence: { availability: 'Busy', activity: 'InACall' }, expiresAt },
  teams: { availability: 'Available', activity: 'Available', sequenceNumber: '7', observedAt: T },
  hold: { requested: 'Work Offline', restoreTo: 'Available', since: T },
});

export const emptyState = (agent: AgentId): AgentSyncState => emptySyncState(agent);

export const decision = (
  agent: AgentId,
  n: number,
  action: Decision['action'] = { kind: 'none' },
): Decision => ({
  agentId: agent,
  at: `2025-03-01T10:${String(n % 60).padStart(2, '0')}:00.000Z`,
  direction: n % 2 === 0 ? 'cc-to-teams' : 'teams-to-cc',
  from: `from-${n}`,
  to: `to-${n}`,
  action,
  reason: `reason ${n}`,
});

export const outbound = (id: string, agent: AgentId): OutboundMessage => ({
  id,
  agentId: agent,
  type: 'agent.state.requested',
  body: { id, type: 'agent.state.requested', agentId: agent, state: 'Available', cause: { restore: true } },
});

export const link = (agent: AgentId, user: string, createdAt = T, upn?: string) => ({
  agentId: agent,
  teamsUserId: teamsUserId(user),
  ...(upn === undefined ? {} : { upn }),
  createdAt,
});

export async function rejectsWithCode(promise: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof CodedError, `expected a CodedError, got ${String(e)}`);
    assert.equal(e.code, code);
    return true;
  });
}

export const ids = (events: { readonly event: InboxEvent }[]) => events.map((e) => e.event.id);
