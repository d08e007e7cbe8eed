// Issue 6, item 5: occurredAt is RFC 3339 with a real date and a valid offset, at most 5 minutes ahead.
import assert from 'node:assert/strict';
import { eventTimeMs, occurredAtProblem, parseEventTime } from '../../src/domain/event-time';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('occurredAt (issue 6 #5)', () => {
  const valid: [string, string][] = [
    ['2026-03-01T12:00:00Z', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01T13:30:00+01:30', '2026-03-01T12:00:00.000Z'],
    ['2026-03-01t11:00:00.123456789-01:00', '2026-03-01T12:00:00.123Z'],
    ['2024-02-29T00:00:00z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['2026-03-01T23:59:59+23:59', '2026-03-01T00:00:59.000Z'],
  ];
  for (const [text, iso] of valid) {
    it(`reads ${text} as ${iso}`, () => {
      const time = parseEventTime(text);
      assert.ok(time.ok, text);
      assert.equal(new Date(time.ms).toISOString(), iso);
    });
  }

  const invalid = [
    '2026-03-01T12:00:00+99:99',
    '2026-03-01T12:00:00+24:00',
    '2026-03-01T12:00:00+01:60',
    '2026-02-29T12:00:00Z',
    '2100-02-29T12:00:00Z',
    '2026-04-31T12:00:00Z',
    '2026-13-01T12:00:00Z',
    '2026-00-10T12:00:00Z',
    '2026-03-00T12:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T12:60:00Z',
    '2026-03-01T12:00:60Z',
    '2026-03-01T12:00:00',
    '2026-03-01 12:00:00Z',
    '2026-03-01',
    'yesterday',
    '',
    '2026-03-01T12:00:00+0100',
    '+002026-03-01T12:00:00Z',
    '2026-03-01T12:00:00.Z',
  ];
  for (const text of invalid) {
    it(`refuses ${JSON.stringify(text)}`, () => {
      assert.equal(parseEventTime(text).ok, false);
      assert.ok(occurredAtProblem(text, NOW));
      assert.equal(eventTimeMs(text), -Infinity);
    });
  }

  it('allows up to 5 minutes ahead of the service clock and no more, whatever the offset', () => {
    assert.equal(occurredAtProblem('2026-03-01T12:05:00Z', NOW), null);
    assert.equal(occurredAtProblem('2026-03-01T14:05:00+02:00', NOW), null);
    assert.match(occurredAtProblem('2026-03-01T12:05:00.001Z', NOW) ?? '', /5 minutes in the future/);
    assert.match(occurredAtProblem('2026-03-01T07:06:00-05:00', NOW) ?? '', /future/);
    assert.match(occurredAtProblem('9999-12-31T23:59:59Z', NOW) ?? '', /future/);
    assert.equal(occurredAtProblem('1999-03-01T12:00:00Z', NOW), null);
  });
});
