// Issue 6, item 5, through the signed route: a far-future or broken occurredAt is a 400 naming the event
// and path, for every event type, and nothing of the batch is stored.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ACCEPTED_EVENT_TYPES } from '../../bot/cc/event-schema';
import {
  newTeamsUserId,
  startFixture,
  stateEvent,
  eventually,
  type Fixture,
} from '../support/switchboard-fixture';

const FIELDS: Record<string, Record<string, unknown>> = {
  'agent.state': { state: 'Busy' },
  'agent.upsert': { email: 'ann@contoso.test', displayName: 'Ann' },
  'agent.remove': {},
  'user.presence': { email: 'ann@contoso.test', presence: 'onCall' },
  'chat.message': { messageId: 'm1', to: { upn: 'bob@contoso.test' }, text: 'hi' },
  'chat.edit': { messageId: 'm1', text: 'hi' },
  'chat.delete': { messageId: 'm1' },
};

describe('occurredAt bounds at POST /api/cc/events (issue 6 #5)', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.close());

  const bad = ['9999-12-31T23:59:59Z', '2026-01-01T00:00:00+99:99', '2025-02-30T10:00:00Z'];
  for (const type of ACCEPTED_EVENT_TYPES) {
    it(`refuses a far-future, broken-offset or impossible date on ${type}, naming it`, async () => {
      for (const occurredAt of bad) {
        const good = stateEvent('A0', 'Busy');
        const event = { id: `e-${randomUUID()}`, type, occurredAt, agentId: 'A1', ...FIELDS[type] };
        const res = await f.postEvents({ events: [good, event] });
        assert.equal(res.status, 400, occurredAt);
        assert.equal(res.json.error.code, 'invalid_event');
        const [detail] = res.json.error.details as { index: number; id: string; path: string }[];
        assert.deepEqual([detail?.index, detail?.id, detail?.path], [1, event.id, 'occurredAt']);
        assert.equal(await f.app.store.eventStatus(good.id), null, 'nothing of the batch is stored');
      }
    });
  }

  it('accepts 4 minutes ahead, and a far-future state can no longer make later ones stale', async () => {
    const user = newTeamsUserId();
    await f.admin('PUT', '/api/admin/links/A1', { teamsUserId: user });
    const future = await f.postEvents(stateEvent('A1', 'Busy', { occurredAt: '9999-12-31T23:59:59Z' }));
    assert.equal(future.status, 400);
    const soon = stateEvent('A1', 'Busy', { occurredAt: new Date(Date.now() + 4 * 60_000).toISOString() });
    assert.equal((await f.postEvents(soon)).status, 202);
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
  });
});
