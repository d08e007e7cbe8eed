// BatchingPresenceReader: reads that arrive together become getPresencesByUserId calls of at most 650 ids.
import assert from 'node:assert/strict';
import { teamsUserId, type TeamsUserId } from '../../src/domain/ids';
import type { ObservedPresence, PresenceGateway } from '../../src/ports/presence-gateway.port';
import { BatchingPresenceReader } from '../../src/sync/presence-reader';
import { FakeClock } from '../support/fake-clock';

/** A hand-written PresenceGateway that records reads and answers Available for every id but "missing". */
class RecordingGateway implements PresenceGateway {
  readonly reads: number[] = [];
  failNext = false;
  async setPresence() {
    return { ok: true as const };
  }
  async clearPresence() {
    return { ok: true as const };
  }
  async getPresences(ids: readonly TeamsUserId[]): Promise<ObservedPresence[]> {
    this.reads.push(ids.length);
    if (this.failNext) throw new Error('graph down');
    return ids
      .filter((id) => id !== 'missing')
      .map((id) => ({ userId: id, availability: 'Available', activity: 'Available' }));
  }
}

describe('BatchingPresenceReader', () => {
  it('reads 1,300 users asked for in the same tick with two requests, and answers each', async () => {
    const gateway = new RecordingGateway();
    const clock = new FakeClock();
    const reader = new BatchingPresenceReader(gateway, clock);
    const ids = Array.from({ length: 1300 }, (_, i) => teamsUserId(`user-${i}`));
    const reads = Promise.all(ids.map((id) => reader.read(id)));
    clock.advance(0);
    const results = await reads;
    assert.deepEqual(gateway.reads, [650, 650]);
    assert.equal(results[1299]?.userId, 'user-1299');
  });

  it('answers null for a user Graph returns nothing for, and rejects every reader of a failed batch', async () => {
    const gateway = new RecordingGateway();
    const clock = new FakeClock();
    const reader = new BatchingPresenceReader(gateway, clock);
    const missing = reader.read(teamsUserId('missing'));
    clock.advance(0);
    assert.equal(await missing, null);
    gateway.failNext = true;
    const a = reader.read(teamsUserId('a'));
    const b = reader.read(teamsUserId('b'));
    clock.advance(0);
    await assert.rejects(a, /graph down/);
    await assert.rejects(b, /graph down/);
    assert.deepEqual(gateway.reads, [1, 2]);
  });
});
