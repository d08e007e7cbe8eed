import assert from 'node:assert/strict';
import { assignUsers } from '../../src/subscriptions/assignment';

const users = (n: number, prefix = 'u'): string[] =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

describe('assigning linked users to sync accounts', () => {
  it('spreads 1,300 users over two accounts, 650 each', () => {
    const plan = assignUsers(
      [
        { name: 'a', users: [] },
        { name: 'b', users: [] },
      ],
      users(1300),
      650,
    );
    assert.equal(plan.byAccount.get('a')?.length, 650);
    assert.equal(plan.byAccount.get('b')?.length, 650);
    assert.equal(new Set([...plan.byAccount.get('a')!, ...plan.byAccount.get('b')!]).size, 1300);
    assert.deepEqual(plan.overflow, []);
  });

  it('leaves users beyond every account’s capacity out (to polling)', () => {
    const plan = assignUsers(
      [
        { name: 'a', users: [] },
        { name: 'b', users: [] },
      ],
      users(1400),
      650,
    );
    assert.equal(plan.overflow.length, 100);
    assert.equal(plan.byAccount.get('a')?.length, 650);
  });

  it('keeps every user where it was when one is added', () => {
    const first = assignUsers(
      [
        { name: 'a', users: [] },
        { name: 'b', users: [] },
      ],
      users(10),
      650,
    );
    const before = [...first.byAccount].map(([name, u]) => ({ name, users: u }));
    const second = assignUsers(before, [...users(10), 'new-user'], 650);
    const a = second.byAccount.get('a') ?? [];
    const b = second.byAccount.get('b') ?? [];
    assert.deepEqual(
      a.filter((u) => u !== 'new-user'),
      first.byAccount.get('a'),
    );
    assert.deepEqual(
      b.filter((u) => u !== 'new-user'),
      first.byAccount.get('b'),
    );
    assert.equal([...a, ...b].filter((u) => u === 'new-user').length, 1);
  });

  it('drops unlinked users and hands a removed account’s users to the others', () => {
    const plan = assignUsers([{ name: 'b', users: ['u1', 'u2', 'gone'] }], ['u1', 'u2', 'u3', 'u4'], 650);
    assert.deepEqual(plan.byAccount.get('b'), ['u1', 'u2', 'u3', 'u4']);
  });

  it('never gives one user to two accounts, even if the stored assignment did', () => {
    const plan = assignUsers(
      [
        { name: 'a', users: ['u1', 'u2'] },
        { name: 'b', users: ['u2', 'u3'] },
      ],
      ['u1', 'u2', 'u3'],
      650,
    );
    assert.deepEqual(plan.byAccount.get('a'), ['u1', 'u2']);
    assert.deepEqual(plan.byAccount.get('b'), ['u3']);
  });

  it('fills the least loaded account first and respects a smaller capacity', () => {
    const plan = assignUsers(
      [
        { name: 'a', users: ['x1', 'x2'] },
        { name: 'b', users: [] },
      ],
      ['x1', 'x2', 'n1', 'n2', 'n3'],
      3,
    );
    assert.deepEqual(plan.byAccount.get('a'), ['x1', 'x2', 'n3']);
    assert.deepEqual(plan.byAccount.get('b'), ['n1', 'n2']);
    assert.deepEqual(plan.overflow, []);
  });

  it('fills the room linked users leave with directory people, who never displace a linked user (issue #10)', () => {
    const others = users(30, 'd');
    const first = assignUsers([{ name: 'a', users: [] }], users(5), 10, [...others, 'u00001']);
    const a = first.byAccount.get('a') ?? [];
    assert.equal(a.length, 10);
    assert.deepEqual(a.slice(0, 5), users(5), 'linked users first');
    assert.equal(new Set(a).size, 10, 'a linked user listed among the others is placed once');
    assert.deepEqual(
      first.overflow,
      [],
      'directory people beyond the room are not overflow: they are polled',
    );
    // Three more linked users take the places of three directory people; the kept ones stay.
    const next = assignUsers([{ name: 'a', users: a }], users(8), 10, others);
    const b = next.byAccount.get('a') ?? [];
    assert.equal(b.length, 10);
    assert.ok(users(8).every((u) => b.includes(u)));
    assert.deepEqual(
      b.filter((u) => u.startsWith('d')),
      a.filter((u) => u.startsWith('d')).slice(0, 2),
    );
  });
});
