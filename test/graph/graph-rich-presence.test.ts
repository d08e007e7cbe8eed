// GraphPresenceGateway's status message and preferred presence calls against the Graph emulator over HTTP.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../src/domain/ids';
import { graphCalls, startSetup, type Setup } from './graph-fixture';

const alice = teamsUserId('11111111-aaaa-4aaa-8aaa-000000000001');

describe('GraphPresenceGateway: status message and preferred presence (Graph emulator)', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSetup();
  });
  afterEach(() => setup.emulator.close());

  it('sets a status message with a UTC expiry in Graph’s dateTimeTimeZone, and clears it', async () => {
    const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
    assert.deepEqual(await setup.gateway.setStatusMessage(alice, 'On break, back soon', expiresAt), {
      ok: true,
    });
    const [call] = graphCalls(setup.emulator);
    assert.equal(call?.path, `/v1.0/users/${alice}/presence/setStatusMessage`);
    assert.deepEqual(call?.body, {
      statusMessage: {
        message: { content: 'On break, back soon', contentType: 'text' },
        expiryDateTime: { dateTime: expiresAt.replace('Z', ''), timeZone: 'UTC' },
      },
    });
    assert.deepEqual(setup.emulator.statusMessageOf(alice), {
      content: 'On break, back soon',
      expiresAt: Date.parse(expiresAt),
    });
    assert.deepEqual(await setup.gateway.clearStatusMessage(alice), { ok: true });
    assert.equal(setup.emulator.statusMessageOf(alice), null);
  });

  it('sets and clears the preferred presence; Graph’s refusal comes back as a non-retryable result', async () => {
    setup.emulator.setClientPresence(alice, { availability: 'Available', activity: 'Available' });
    const offWork = { availability: 'Offline', activity: 'OffWork' };
    assert.deepEqual(await setup.gateway.setPreferredPresence(alice, offWork), { ok: true });
    assert.equal(setup.emulator.presenceOf(alice).activity, 'OffWork');
    assert.deepEqual(await setup.gateway.clearPreferredPresence(alice), { ok: true });
    assert.equal(setup.emulator.presenceOf(alice).activity, 'Available');
    const refused = await setup.gateway.setPreferredPresence(alice, {
      availability: 'Busy',
      activity: 'InACall',
    });
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && !refused.retryable && refused.status === 400 && refused.code === 'BadRequest');
  });
});
