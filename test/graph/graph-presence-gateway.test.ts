// GraphPresenceGateway against the project's Graph emulator over real HTTP.
import assert from 'node:assert/strict';
import { CodedError } from '../../src/domain/errors';
import { teamsUserId } from '../../src/domain/ids';
import { MAX_PRESENCE_IDS } from '../../src/adapters/graph/index';
import { graphCalls, SESSION_ID, startSetup, type Setup } from './graph-fixture';

const alice = teamsUserId('11111111-aaaa-4aaa-8aaa-000000000001');
const bob = teamsUserId('11111111-bbbb-4bbb-8bbb-000000000002');
const inACall = { availability: 'Busy', activity: 'InACall' };

describe('GraphPresenceGateway (Graph emulator)', () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSetup();
  });
  afterEach(async () => {
    await setup.emulator.close();
  });

  it('sets our session with the requested expiry, and the aggregate shows it', async () => {
    const before = Date.now();
    const result = await setup.gateway.setPresence(alice, inACall, 10);
    const after = Date.now();

    assert.deepEqual(result, { ok: true });
    const shown = setup.emulator.presenceOf(alice);
    assert.equal(shown.availability, 'Busy');
    assert.equal(shown.activity, 'InACall');
    const sessions = setup.emulator.sessionsOf(alice);
    assert.equal(sessions.length, 1);
    const session = sessions[0]!;
    assert.equal(session.sessionId, SESSION_ID);
    assert.ok(session.expiresAt >= before + 10 * 60_000 && session.expiresAt <= after + 10 * 60_000);
    const call = graphCalls(setup.emulator).find((r) => r.path.endsWith('/presence/setPresence'));
    assert.deepEqual(call?.body, { sessionId: SESSION_ID, ...inACall, expirationDuration: 'PT10M' });
  });

  it('clears our session', async () => {
    await setup.gateway.setPresence(alice, inACall, 5);
    const result = await setup.gateway.clearPresence(alice);
    assert.deepEqual(result, { ok: true });
    assert.deepEqual(setup.emulator.sessionsOf(alice), []);
  });

  it('treats clearing a session that does not exist (Graph 404) as done', async () => {
    const result = await setup.gateway.clearPresence(bob);
    assert.deepEqual(result, { ok: true });
    const call = graphCalls(setup.emulator).find((r) => r.path.endsWith('/presence/clearPresence'));
    assert.equal(call?.status, 404);
  });

  it('URL-encodes user ids so an id cannot change the route', async () => {
    const odd = teamsUserId('odd/id?x=1#frag');
    const result = await setup.gateway.setPresence(odd, inACall, 5);
    assert.deepEqual(result, { ok: true });
    assert.equal(setup.emulator.presenceOf('odd/id?x=1#frag').activity, 'InACall');
  });

  it('refuses an invalid pair with a non-retryable 400 carrying Graph’s error code', async () => {
    const result = await setup.gateway.setPresence(
      alice,
      { availability: 'Available', activity: 'InACall' },
      5,
    );
    assert.ok(!result.ok);
    assert.equal(result.retryable, false);
    assert.equal(result.status, 400);
    assert.equal(result.code, 'BadRequest');
    assert.match(result.message, /combination is not supported/);
    assert.equal(graphCalls(setup.emulator).length, 1, 'a 400 is not retried');
  });

  it('reads presences with availability, activity and sequenceNumber', async () => {
    await setup.gateway.setPresence(alice, inACall, 5);
    await setup.gateway.setPresence(bob, { availability: 'Away', activity: 'Away' }, 5);

    const read = await setup.gateway.getPresences([alice, bob]);

    const byId = new Map(read.map((p) => [p.userId as string, p]));
    assert.equal(read.length, 2);
    for (const id of [alice, bob]) {
      const expected = setup.emulator.presenceOf(id);
      const got = byId.get(id);
      assert.deepEqual(got, { userId: id, ...expected });
    }
    assert.equal(byId.get(bob)?.availability, 'Away');
    const call = graphCalls(setup.emulator).find((r) =>
      r.path.endsWith('/communications/getPresencesByUserId'),
    );
    assert.deepEqual(call?.body, { ids: [alice, bob] });
  });

  it(`reads ${MAX_PRESENCE_IDS} ids in one request and refuses ${MAX_PRESENCE_IDS + 1} without calling Graph`, async () => {
    const ids = Array.from({ length: MAX_PRESENCE_IDS + 1 }, (_, i) => teamsUserId(`user-${i}`));
    const read = await setup.gateway.getPresences(ids.slice(0, MAX_PRESENCE_IDS));
    assert.equal(read.length, MAX_PRESENCE_IDS);
    const callsBefore = graphCalls(setup.emulator).length;

    await assert.rejects(
      setup.gateway.getPresences(ids),
      (e: unknown) => e instanceof CodedError && e.code === 'too_many_presence_ids',
    );
    assert.equal(graphCalls(setup.emulator).length, callsBefore);
  });

  it('makes no request for an empty id list', async () => {
    assert.deepEqual(await setup.gateway.getPresences([]), []);
    assert.equal(graphCalls(setup.emulator).length, 0);
  });

  it('throws a coded error when the read fails', async () => {
    setup.emulator.injectFaults({ status: 500, count: 1 });
    await assert.rejects(
      setup.gateway.getPresences([alice]),
      (e: unknown) => e instanceof CodedError && e.code === 'graph_presence_read_failed',
    );
  });

  it('rejects an expiry outside Graph’s 5..240 minutes before calling Graph', async () => {
    await assert.rejects(setup.gateway.setPresence(alice, inACall, 4), { code: 'invalid_expiration' });
    await assert.rejects(setup.gateway.setPresence(alice, inACall, 241), { code: 'invalid_expiration' });
    assert.equal(graphCalls(setup.emulator).length, 0);
  });
});
