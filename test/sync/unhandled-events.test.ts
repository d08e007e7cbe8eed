// Issue 6, item 11, the general rule: an inbox event whose type no sync step handles settles as failed with a
// reason (chat.* → chat_relay_unavailable until the relay plugs in; anything else → no_handler).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import type { InboxEvent } from '../../src/domain/events';
import { agentId, ccEventId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import { settleUnhandled, unhandledReason } from '../../src/sync/unhandled-events';

const A = agentId('A1');
const T = '2026-03-01T10:00:00.000Z';
const event = (id: string, type: string, extra: Record<string, unknown> = {}): InboxEvent =>
  ({ id: ccEventId(id), type, occurredAt: T, agentId: A, ...extra }) as unknown as InboxEvent;

describe('settleUnhandled (issue 6 #11)', () => {
  let dir: string;
  let store: SqliteStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'unhandled-'));
    store = openSqliteStore(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('names the chat relay for chat.* and "no_handler" for anything else', () => {
    assert.equal(unhandledReason('chat.message'), 'chat_relay_unavailable');
    assert.equal(unhandledReason('teams.presence'), 'no_handler');
  });

  it('fails only the events whose type is not handled, and leaves the others pending', async () => {
    await store.acceptEvents(
      [
        event('s', 'agent.state', { state: 'Busy' }),
        event('c', 'chat.delete', { messageId: 'm' }),
        event('t', 'teams.presence'),
      ],
      T,
    );
    const settled = await settleUnhandled({ store, logger: silentLogger }, A, new Set(['agent.state']));
    assert.equal(settled, 2);
    assert.deepEqual(await store.eventStatus('s'), { status: 'pending', reason: null });
    assert.deepEqual(await store.eventStatus('c'), { status: 'failed', reason: 'chat_relay_unavailable' });
    assert.deepEqual(await store.eventStatus('t'), { status: 'failed', reason: 'no_handler' });
    assert.equal(await settleUnhandled({ store, logger: silentLogger }, A, new Set()), 1);
    assert.deepEqual(await store.agentsWithPendingEvents(), []);
  });
});
