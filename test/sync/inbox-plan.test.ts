// planInbox: one pass over an agent's pending events — stale, superseded, latest state, directory change.
import assert from 'node:assert/strict';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId } from '../../src/domain/ids';
import type { StoredInboxEvent } from '../../src/ports/store.port';
import { emptySyncState, planInbox, teamsEffectiveState } from '../../src/sync/inbox-plan';

const A = agentId('A1');
let seq = 0;
const stored = (
  event: Record<string, unknown> & { id: string; type: InboxEvent['type'] },
): StoredInboxEvent => ({
  seq: ++seq,
  receivedAt: '2025-01-01T00:00:00Z',
  event: { ...event, id: ccEventId(event.id), agentId: A } as InboxEvent,
});
const state = (id: string, s: string, occurredAt: string) =>
  stored({ id, type: 'agent.state', state: s, occurredAt });

describe('planInbox', () => {
  it('applies the newest state by occurredAt and supersedes the others, whatever their arrival order', () => {
    const plan = planInbox(emptySyncState(A), [
      state('e1', 'Busy', '2025-01-01T10:00:02Z'),
      state('e2', 'Available', '2025-01-01T10:00:03+00:00'),
      state('e3', 'Break', '2025-01-01T12:00:01+02:00'),
    ]);
    assert.equal(plan.latestState?.id, 'e2');
    assert.deepEqual(plan.outcomes.map((o) => `${o.id}:${o.outcome}`).sort(), [
      'e1:superseded',
      'e2:applied',
      'e3:superseded',
    ]);
  });

  it('marks a state older than the one applied as stale, and a later one with the same time wins by arrival', () => {
    const applied = { ...emptySyncState(A), ccState: 'Busy', ccStateAt: '2025-01-01T10:00:00Z' };
    const plan = planInbox(applied, [
      state('old', 'Available', '2025-01-01T09:59:59Z'),
      state('same1', 'Break', '2025-01-01T10:00:00Z'),
      state('same2', 'Wrap-up', '2025-01-01T10:00:00Z'),
    ]);
    assert.equal(plan.latestState?.id, 'same2');
    assert.deepEqual(plan.outcomes.find((o) => o.id === 'old')?.outcome, 'stale');
  });

  it('keeps the last directory change in arrival order and leaves other event types alone', () => {
    const upsert = stored({
      id: 'u',
      type: 'agent.upsert',
      occurredAt: '2025-01-01T10:00:00Z',
      email: 'a@b.c',
      displayName: 'A',
    });
    const remove = stored({ id: 'r', type: 'agent.remove', occurredAt: '2025-01-01T10:00:01Z' });
    const chat = stored({ id: 'c', type: 'chat.delete', occurredAt: '2025-01-01T10:00:02Z', messageId: 'm' });
    assert.equal(planInbox(emptySyncState(A), [upsert, remove]).directory, 'remove');
    const plan = planInbox(emptySyncState(A), [remove, upsert, chat]);
    assert.equal(plan.directory !== 'remove' && plan.directory?.displayName, 'A');
    assert.deepEqual(
      plan.outcomes.map((o) => o.id),
      ['r', 'u'],
    );
  });
});

describe('teamsEffectiveState (issue 11: coalescing keeps what Teams should show)', () => {
  const changesTeams = (s: string) => s === 'Busy' || s === 'Available';
  const effective = (pending: StoredInboxEvent[], appliedAt: string | null = null) =>
    teamsEffectiveState(planInbox(emptySyncState(A), pending), pending, appliedAt, changesTeams)?.id;

  it('is the latest state when it changes Teams', () => {
    assert.equal(
      effective([
        state('b', 'Busy', '2025-01-01T10:00:01Z'),
        state('a', 'Available', '2025-01-01T10:00:02Z'),
      ]),
      'a',
    );
  });

  it('is the call before a wrap-up that arrives in the same pass, so Teams shows In a call, not what came before', () => {
    const pending = [
      state('avail', 'Available', '2025-01-01T10:00:00Z'),
      state('busy', 'Busy', '2025-01-01T10:00:30Z'),
      state('wrap', 'Wrap-up', '2025-01-01T10:01:30Z'),
      state('break', 'Break', '2025-01-01T10:01:40Z'),
    ];
    assert.equal(effective(pending), 'busy');
  });

  it('is the latest when nothing in the pass changes Teams, and ignores states older than the one applied', () => {
    assert.equal(effective([state('wrap', 'Wrap-up', '2025-01-01T10:01:30Z')]), 'wrap');
    const pending = [
      state('old', 'Busy', '2025-01-01T09:00:00Z'),
      state('wrap', 'Wrap-up', '2025-01-01T10:01:30Z'),
    ];
    assert.equal(effective(pending, '2025-01-01T09:30:00Z'), 'wrap');
  });
});
