// Store contract, part: the outbox.
import assert from 'node:assert/strict';
import { A, B, C, T, outbound, rejectsWithCode, type StoreUnderTest } from './samples';

export function outboxContract(store: StoreUnderTest): void {
  describe('outbox', () => {
    const dueIds = async (at: string, limit = 10) => (await store().dueOutbound(at, limit)).map((o) => o.id);

    it('stores outbound messages pending and due at once, oldest first per agent', async () => {
      await store().commit({ outbound: [outbound('a1', A), outbound('b1', B)] });
      await store().commit({ outbound: [outbound('a2', A)] });
      const [first, second] = await store().outboundFor(A);
      assert.deepEqual(
        { ...first, seq: 0, createdAt: '', nextAttemptAt: '' },
        {
          ...outbound('a1', A),
          seq: 0,
          attempts: 0,
          nextAttemptAt: '',
          createdAt: '',
          lastError: null,
          status: 'pending',
        },
      );
      assert.ok(first && second && first.seq < second.seq);
      assert.equal(second.id, 'a2');
      assert.ok(!Number.isNaN(Date.parse(first.createdAt)));
      assert.deepEqual(await dueIds('2000-01-01T00:00:00Z'), ['a1', 'b1']);
    });

    it('offers only each agent’s oldest pending entry, oldest first, within the limit', async () => {
      await store().commit({
        outbound: [outbound('b1', B), outbound('a1', A), outbound('b2', B), outbound('c1', C)],
      });
      assert.deepEqual(await dueIds(T), ['b1', 'a1', 'c1']);
      assert.deepEqual(await dueIds(T, 2), ['b1', 'a1']);
      await store().markDelivered('b1');
      assert.deepEqual(await dueIds(T), ['a1', 'b2', 'c1']);
      await store().markDelivered('b2');
      assert.deepEqual(
        (await store().outboundFor(B)).map((o) => o.id),
        [],
      );
    });

    it('holds a retried entry, and the agent’s later ones, until its next attempt', async () => {
      await store().commit({ outbound: [outbound('a1', A), outbound('a2', A), outbound('b1', B)] });
      await store().markRetry('a1', '2025-03-01T10:05:00.000Z', 'HTTP 503');
      await store().markRetry('a1', '2025-03-01T12:10:00+02:00', 'HTTP 502'); // 10:10Z
      assert.deepEqual(await dueIds('2025-03-01T10:09:59.000Z'), ['b1']);
      const [a1] = await store().dueOutbound('2025-03-01T10:10:00.000Z', 10);
      assert.equal(a1?.id, 'a1');
      assert.equal(a1?.attempts, 2);
      assert.equal(a1?.lastError, 'HTTP 502');
      assert.equal(a1?.nextAttemptAt, '2025-03-01T12:10:00+02:00');
    });

    it('parks an entry: it stops being offered, stops blocking later ones, and is still listed', async () => {
      await store().commit({ outbound: [outbound('a1', A), outbound('a2', A)] });
      await store().markParked('a1', 'HTTP 400');
      assert.deepEqual(await dueIds(T), ['a2']);
      const listed = await store().outboundFor(A);
      assert.deepEqual(
        listed.map((o) => [o.id, o.status, o.attempts, o.lastError]),
        [
          ['a1', 'parked', 1, 'HTTP 400'],
          ['a2', 'pending', 0, null],
        ],
      );
    });

    it('changes nothing when marking an entry no longer pending, and refuses unknown ids', async () => {
      await store().commit({ outbound: [outbound('a1', A), outbound('a2', A)] });
      await store().markParked('a1', 'gave up');
      await store().markDelivered('a1');
      await store().markRetry('a1', T, 'again');
      assert.deepEqual(
        (await store().outboundFor(A)).map((o) => [o.id, o.status, o.attempts, o.lastError]),
        [
          ['a1', 'parked', 1, 'gave up'],
          ['a2', 'pending', 0, null],
        ],
      );
      await rejectsWithCode(store().markDelivered('nope'), 'unknown_outbound');
      await rejectsWithCode(store().markRetry('nope', T, 'x'), 'unknown_outbound');
      await rejectsWithCode(store().markParked('nope', 'x'), 'unknown_outbound');
    });

    it('refuses an outbound id that was used before, even once delivered', async () => {
      await store().commit({ outbound: [outbound('a1', A)] });
      await store().markDelivered('a1');
      await rejectsWithCode(store().commit({ outbound: [outbound('a1', A)] }), 'duplicate_outbound');
    });

    // Issue 13: two dispatchers (an old and a new leader of the outbound role) never deliver one entry at once.
    const claimIds = async (at: string, limit = 10, leaseMs = 60_000) =>
      (await store().claimOutbound(at, leaseMs, limit)).map((o) => o.id);
    const later = (ms: number) => new Date(Date.parse(T) + ms).toISOString();

    it('claims each agent’s due head for one caller until the lease ends or the entry is marked', async () => {
      await store().commit({ outbound: [outbound('a1', A), outbound('a2', A), outbound('b1', B)] });
      assert.deepEqual(await claimIds(T, 10, 1000), ['a1', 'b1']);
      assert.deepEqual(await claimIds(T), [], 'claimed heads are skipped and hold the agent’s later entries');
      assert.deepEqual(await dueIds(T), ['a1', 'b1'], 'dueOutbound still lists them');
      await store().markDelivered('a1');
      assert.deepEqual(await claimIds(later(10)), ['a2'], 'the next head once the claimed one is marked');
      assert.deepEqual(await claimIds(later(1000)), ['b1'], 'a lapsed lease is claimed again');
    });

    it('ends the claim of a retried entry: claimable again when its next attempt is due', async () => {
      await store().commit({ outbound: [outbound('a1', A)] });
      assert.deepEqual(await claimIds(T), ['a1']);
      await store().markRetry('a1', later(5000), 'HTTP 503');
      assert.deepEqual(await claimIds(later(4999)), []);
      assert.deepEqual(await claimIds(later(5000)), ['a1']);
    });

    it('never gives one entry to two claims made at once, nor two entries of one agent', async () => {
      const messages = [A, B, C].flatMap((agent) => [1, 2].map((n) => outbound(`${agent}-${n}`, agent)));
      await store().commit({ outbound: messages });
      const claims = await Promise.all(Array.from({ length: 6 }, () => claimIds(T, 2)));
      const all = claims.flat().sort();
      assert.deepEqual(all, [`${A}-1`, `${B}-1`, `${C}-1`]);
    });
  });
}
