// The one id rule (issue 6, item 8): 1–256 printable characters, no surrounding spaces, never rewritten.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { idProblem, idSchema, MAX_ID_CHARS } from '../../src/domain/ids';

describe('id validator', () => {
  const accepted = [
    'A100',
    'a/b',
    '<script>',
    'agent 7',
    'ägent-ß',
    '😀'.repeat(MAX_ID_CHARS),
    'x'.repeat(256),
  ];
  for (const id of accepted) {
    it(`accepts ${JSON.stringify(id.slice(0, 20))}${id.length > 20 ? '…' : ''}`, () => {
      assert.equal(idProblem(id), null);
      assert.equal(idSchema.parse(id), id);
    });
  }

  const refused: ReadonlyArray<readonly [string, unknown]> = [
    ['empty', ''],
    ['a single space', ' '],
    ['a leading space', ' A1'],
    ['a trailing tab', 'A1\t'],
    ['a no-break space at the end', 'A1\u00A0'],
    ['NUL', 'a\u0000b'],
    ['a newline inside', 'a\nb'],
    ['DEL', 'a\u007Fb'],
    ['a bidi override', 'A\u202E1'],
    ['a zero-width space', 'A\u200B1'],
    ['a lone surrogate', 'A\uD800'],
    ['257 characters', 'x'.repeat(257)],
    ['a number', 100],
    ['null', null],
  ];
  for (const [name, value] of refused) {
    it(`refuses ${name}`, () => {
      assert.equal(typeof idProblem(value), 'string');
      assert.equal(idSchema.safeParse(value).success, false);
    });
  }

  it('accepts exactly the strings of 1–256 printable characters without surrounding spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 0, maxLength: 300 }), (value) => {
        const chars = [...value];
        const expected =
          chars.length >= 1 &&
          chars.length <= MAX_ID_CHARS &&
          !/\p{C}/u.test(value) &&
          value === value.trim() &&
          !/^\p{Z}|\p{Z}$/u.test(value);
        assert.equal(idProblem(value) === null, expected, JSON.stringify(value));
      }),
      { numRuns: 2000 },
    );
  });
});
