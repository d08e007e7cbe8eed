// Teams → contact center end to end over HTTP: the user's own Teams client changes presence in the Graph
// emulator, polling sees it, the rule engine decides, and a signed request reaches a local contact center.
import assert from 'node:assert/strict';
import type { Receiver } from '../outbound/receiver';
import { startWithContactCenter, type ContactCenterFixture } from '../support/contact-center-fixture';
import { eventually, stateEvent, type Fixture } from '../support/switchboard-fixture';

const AVAILABLE = { availability: 'Available', activity: 'Available' };
const IN_A_CALL = { availability: 'Busy', activity: 'InACall' };

describe('Teams → contact center (polling)', function () {
  this.timeout(30_000);
  let t: ContactCenterFixture;
  let f: Fixture;
  let cc: Receiver;
  let user: string;
  let requests: () => any[];

  beforeEach(async () => {
    t = await startWithContactCenter({ PRESENCE_POLL_SECONDS: '1' });
    ({ f, cc, user, requests } = t);
  });
  afterEach(() => t.close());

  const decisions = async (): Promise<string[]> =>
    (await f.admin('GET', '/api/admin/agents/A100/status')).json.recentDecisions.map(
      (d: { reason: string }) => d.reason,
    );

  async function agentAvailableInBoth(): Promise<void> {
    await f.postEvents(stateEvent('A100', 'Available'));
    await eventually(async () => (await decisions()).some((r) => r.includes('Agent went Available')));
  }

  it('walks through Johanna and Lynne (seed 000) in both directions', async () => {
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    await eventually(
      async () => (await decisions()).some((r) => r.includes('our own change coming back')),
      5000,
    );
    await agentAvailableInBoth();
    await eventually(() => f.emulator.presenceOf(user).availability === 'Available');

    f.emulator.setClientPresence(user, IN_A_CALL); // Lynne calls Johanna on Teams
    await eventually(() => requests().length === 1, 5000);
    const [offline] = requests();
    assert.equal(offline.agentId, 'A100');
    assert.equal(offline.state, 'Work Offline');
    assert.deepEqual(offline.cause, { teams: IN_A_CALL });
    assert.ok(cc.received.every((r) => r.signed));

    await f.postEvents(stateEvent('A100', 'Work Offline', { changedBy: 'system' }));
    f.emulator.setClientPresence(user, AVAILABLE); // the Teams call ends
    await eventually(() => requests().length === 2, 5000);
    assert.equal(requests()[1].state, 'Available');
    assert.deepEqual(requests()[1].cause, { restore: true });
    assert.notEqual(requests()[0].id, requests()[1].id);
  });

  it('does not restore after a manual change by the agent', async () => {
    await agentAvailableInBoth();
    f.emulator.setClientPresence(user, IN_A_CALL);
    await eventually(() => requests().length === 1, 5000);
    await f.postEvents(stateEvent('A100', 'Work Offline', { changedBy: 'system' }));
    await f.postEvents(stateEvent('A100', 'Break', { changedBy: 'agent' }));
    await eventually(async () => (await decisions()).some((r) => r.includes('will not be restored')));
    f.emulator.setClientPresence(user, AVAILABLE);
    await eventually(async () => (await decisions()).some((r) => r.startsWith('Teams Available')), 5000);
    assert.equal(requests().length, 1);
  });

  it('never turns our own In a call into Work Offline', async () => {
    await agentAvailableInBoth();
    await f.postEvents(stateEvent('A100', 'Busy'));
    await eventually(() => f.emulator.presenceOf(user).activity === 'InACall');
    await eventually(
      async () => (await decisions()).some((r) => r.includes('our own change coming back')),
      5000,
    );
    assert.equal(requests().length, 0);
  });

  it('delivers every request, in order, to a contact center that was down for a while', async () => {
    await agentAvailableInBoth();
    await cc.down();
    f.emulator.setClientPresence(user, IN_A_CALL);
    await eventually(async () => (await decisions()).some((r) => r.includes('Work Offline')), 5000);
    await f.postEvents(stateEvent('A100', 'Work Offline', { changedBy: 'system' }));
    f.emulator.setClientPresence(user, AVAILABLE);
    await eventually(async () => (await decisions()).some((r) => r.includes('restore Available')), 5000);
    const status = await f.admin('GET', '/api/admin/agents/A100/status');
    assert.equal(status.json.outbound.pending, 2);
    await cc.up();
    await eventually(() => requests().length === 2, 20_000);
    assert.deepEqual(
      requests().map((r) => r.state),
      ['Work Offline', 'Available'],
    );
  });
});
