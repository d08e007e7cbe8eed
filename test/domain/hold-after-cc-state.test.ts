// When a contact-center state change keeps or ends a hold.
import assert from 'node:assert/strict';
import { holdAfterCcState } from '../../src/domain/teams-to-cc';
import { EARLIER } from './sync-fixture';

const HOLD = { requested: 'Work Offline', restoreTo: 'Available', since: EARLIER };

const ROWS: readonly (readonly [string, 'agent' | 'system' | undefined, 'keeps' | 'ends'])[] = [
  ['Work Offline', 'system', 'keeps'],
  ['Work Offline', undefined, 'keeps'],
  ['Work Offline', 'agent', 'ends'],
  ['Available', 'system', 'ends'],
  ['Available', 'agent', 'ends'],
  ['Break', 'system', 'ends'],
  ['Break', undefined, 'ends'],
];

describe('holdAfterCcState', () => {
  for (const [state, changedBy, outcome] of ROWS) {
    it(`${state} changed by ${changedBy ?? 'unknown'} ${outcome} the hold`, () => {
      assert.equal(holdAfterCcState(HOLD, state, changedBy), outcome === 'keeps' ? HOLD : null);
    });
  }

  it('has nothing to keep without a hold', () => {
    assert.equal(holdAfterCcState(null, 'Work Offline', 'system'), null);
  });
});
