// The directory people's poller (issue #10): one page of ids in memory at a time, reads of at most 650,
// linked and covered users left to the agents' paths, and no read while the agents need the quota.
import assert from 'node:assert/strict';
import { DirectoryPresencePoller } from '../../src/directory/directory-presence-poller';
import type { ObservedDirectoryPresence } from '../../src/directory/directory-presence';
import { agentId, teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import { silentLogger } from '../../src/ports/logger.port';
import type { Link } from '../../src/ports/store.port';
import { FakeClock } from '../support/fake-clock';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `t-${String(i).padStart(6, '0')}`);

function harness(people: string[], options: { busy?: () => boolean; covered?: string[] } = {}) {
  const clock = new FakeClock();
  const reads: number[] = [];
  const reported: ObservedDirectoryPresence[] = [];
  let largestPage = 0;
  const links: Link[] = [
    { agentId: agentId('A1'), teamsUserId: teamsUserId('T-000001'), createdAt: '2026-01-01T00:00:00Z' },
  ];
  const poller = new DirectoryPresencePoller(
    { listLinks: async () => links },
    {
      teamsUserIds: async (after, limit) => {
        const page = people.filter((id) => after === null || id > after).slice(0, limit);
        largestPage = Math.max(largestPage, page.length);
        return page.map(teamsUserId);
      },
    },
    {
      getPresences: async (batch: readonly TeamsUserId[]) => {
        reads.push(batch.length);
        return batch.map((userId) => ({ userId, availability: 'Away', activity: 'Away' }));
      },
    },
    clock,
    silentLogger,
    {
      intervalMs: 60_000,
      covered: () => new Set(options.covered ?? []),
      busy: options.busy ?? (() => false),
      report: async (observed) => {
        reported.push(...observed);
        return observed.length;
      },
    },
  );
  return { clock, poller, reads, reported, largestPage: () => largestPage };
}

describe('directory presence poller (issue #10)', () => {
  it('walks 2,000 people 650 at a time, skipping the linked and the covered', async () => {
    const h = harness(ids(2000), { covered: ['t-000002', 'T-000003'] });
    const round = await h.poller.runOnce();
    assert.deepEqual(round, { polled: 1997, reads: 4, queued: 1997 });
    assert.deepEqual(h.reads, [647, 650, 650, 50]);
    assert.ok(h.largestPage() <= 650, 'one page of ids in memory at a time');
    const seen = new Set(h.reported.map((o) => o.teamsUserId));
    assert.ok(!seen.has(teamsUserId('t-000001')), 'a linked agent is left to the agents’ poller');
    assert.ok(!seen.has(teamsUserId('t-000002')), 'a covered user is left to notifications');
  });

  it('waits while the agents need the reads, then goes on', async () => {
    let busy = true;
    const h = harness(ids(10), { busy: () => busy });
    const round = h.poller.runOnce();
    await new Promise((resolve) => setImmediate(resolve));
    h.clock.advance(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(h.reads, [], 'no read while busy');
    busy = false;
    h.clock.advance(1_000);
    assert.equal((await round).polled, 9);
    assert.deepEqual(h.reads, [9]);
  });
});
