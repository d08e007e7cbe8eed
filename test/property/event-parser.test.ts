// Properties of the POST /api/cc/events parser (issue 6 "Done when"): any JSON gives a typed batch or a 400
// with details and never throws; accepted batches round-trip; ids are the idempotency keys end to end.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseEventBatch } from '../../bot/cc/event-schema';
import { openSqliteStore, type SqliteStore } from '../../src/adapters/sqlite';
import { parseEventTime } from '../../src/domain/event-time';
import { STATES, eventArb, offsetArb, rfc3339 } from './arbitraries';
import { propertyTimeout, runs } from './fc-settings';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const KNOWN = new Set<string>(STATES);
const parse = (body: unknown) => parseEventBatch(body, KNOWN, NOW);

function assertWellFormedRefusal(result: ReturnType<typeof parse>, size: number | null): void {
  if (result.ok) return;
  assert.ok(result.message.length > 0);
  for (const d of result.details) {
    assert.equal(typeof d.path, 'string');
    assert.equal(typeof d.message, 'string');
    if (size !== null) assert.ok(Number.isInteger(d.index) && d.index >= 0 && d.index < size);
  }
  if (size !== null && size > 0 && size <= 500)
    assert.ok(result.details.length > 0, 'a refused batch names why');
}

describe('property: the event parser', function () {
  this.timeout(propertyTimeout);

  it('never throws on any JSON value, and refuses with a well-formed 400', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => assertWellFormedRefusal(parse(body), null)),
      runs(300),
    );
  });

  it('never throws on a batch of arbitrary items, and names an invalid item by its index', () => {
    const items = fc.array(fc.oneof(fc.jsonValue(), eventArb(NOW)), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(items, (events) => assertWellFormedRefusal(parse({ events }), events.length)),
      runs(300),
    );
  });

  it('never throws when one field of a valid event is replaced by any value, and names that field', () => {
    const mutated = fc.tuple(
      eventArb(NOW),
      fc.constantFrom('id', 'type', 'occurredAt', 'agentId', 'state', 'messageId', 'text', 'email'),
      fc.jsonValue(),
    );
    fc.assert(
      fc.property(mutated, ([event, field, value]) => {
        const result = parse({ events: [{ ...event, [field]: value }] });
        assertWellFormedRefusal(result, 1);
        // A field the type does not have is ignored; one it has, made invalid, is the one named.
        if (!result.ok)
          assert.ok(result.details.some((d) => d.path === field || d.path.startsWith(`${field}.`)));
      }),
      runs(300),
    );
  });

  it('refuses an id that is an object whose toString is not a function (found by npm run fuzz)', () => {
    const event = {
      type: 'agent.state',
      occurredAt: '2026-03-01T11:00:00Z',
      agentId: 'A',
      state: 'Available',
    };
    const result = parse({ ...event, id: { toString: '' } });
    assert.ok(!result.ok);
    assert.equal(result.details[0]?.path, 'id');
    assert.equal(result.details[0]?.id, undefined);
  });

  it('accepts every valid batch whole, in order, and round-trips it through JSON', () => {
    fc.assert(
      fc.property(fc.array(eventArb(NOW), { minLength: 1, maxLength: 20 }), (events) => {
        const result = parse({ events });
        assert.ok(result.ok, JSON.stringify(!result.ok && result.details));
        assert.deepEqual(
          result.events.map((e) => e.id),
          events.map((e) => e.id),
        );
        const again = parse(JSON.parse(JSON.stringify({ events: result.events })));
        assert.deepEqual(again, result);
        if (events.length === 1)
          assert.deepEqual(parse(events[0]), result, 'a single event is a batch of one');
      }),
      runs(200),
    );
  });

  it('refuses any event dated more than 5 minutes ahead, naming its index and occurredAt', () => {
    const late = fc.tuple(
      fc.array(eventArb(NOW), { minLength: 1, maxLength: 5 }),
      fc.nat(4),
      fc.integer({ min: NOW + 5 * 60_000 + 1, max: Date.UTC(9999, 11, 31) }),
      offsetArb,
    );
    fc.assert(
      fc.property(late, ([events, at, ms, offset]) => {
        const index = at % events.length;
        const batch = events.map((e, i) =>
          i === index ? { ...e, occurredAt: rfc3339(ms, offset, true) } : e,
        );
        const result = parse({ events: batch });
        assert.ok(!result.ok);
        assert.ok(result.details.some((d) => d.index === index && d.path === 'occurredAt'));
      }),
      runs(200),
    );
  });

  it('reads an RFC 3339 time at any offset back to the same instant, and never throws on any string', () => {
    const instant = fc.tuple(
      fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31) }),
      offsetArb,
      fc.boolean(),
    );
    fc.assert(
      fc.property(instant, ([ms, offset, millis]) => {
        const time = parseEventTime(rfc3339(ms, offset, millis));
        assert.ok(time.ok);
        assert.equal(time.ms, ms);
      }),
      runs(300),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const time = parseEventTime(text);
        if (time.ok) assert.ok(Number.isFinite(time.ms));
      }),
      runs(300),
    );
  });

  describe('ids are idempotency keys through the durable inbox', () => {
    let dir: string;
    let store: SqliteStore;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'property-inbox-'));
      store = openSqliteStore(dir);
    });
    after(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores each distinct id once, and a repeated batch is all duplicates', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(eventArb(NOW), { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          async (events, repeatOne) => {
            run += 1;
            // Fresh ids per run (the store lives across runs); optionally the same id twice in the batch.
            const batch = events.map((e) => ({ ...e, id: `r${run}-${e.id}` }));
            if (repeatOne && batch[0]) batch.push({ ...batch[0] });
            const result = parse({ events: batch });
            assert.ok(result.ok);
            const distinct = new Set(result.events.map((e) => e.id)).size;
            const first = await store.acceptEvents(result.events, new Date(NOW).toISOString());
            assert.equal(first.accepted, distinct);
            assert.equal(first.accepted + first.duplicates, batch.length);
            const second = await store.acceptEvents(result.events, new Date(NOW).toISOString());
            assert.deepEqual(second, { accepted: 0, duplicates: batch.length, agents: [] });
          },
        ),
        runs(60),
      );
    });
  });
});
