// The Graph client's Retry-After handling and failure mapping, against the Graph emulator over real HTTP.
import assert from 'node:assert/strict';
import { teamsUserId } from '../../src/domain/ids';
import { graphCalls, recordingLogger, startSetup, TOKEN, type Setup } from './graph-fixture';

const users = ['a', 'b', 'c'].map((s) => teamsUserId(`11111111-0000-4000-8000-00000000000${s}`));
const alice = users[0]!;
const inACall = { availability: 'Busy', activity: 'InACall' };

/** Time between a refused attempt and the next one, from the emulator's own log. */
function gapAfter(setup: Setup, status: number): number {
  const calls = graphCalls(setup.emulator);
  const i = calls.findIndex((c) => c.status === status);
  assert.ok(i >= 0 && i + 1 < calls.length, `a ${status} followed by a retry`);
  return calls[i + 1]!.at - calls[i]!.at;
}

describe('Graph client retries and failures (Graph emulator)', () => {
  let setup: Setup | undefined;
  afterEach(async () => {
    await setup?.emulator.close();
    setup = undefined;
  });

  it('retries a 429 from the presence quota after Retry-After, then succeeds', async () => {
    setup = await startSetup({ quota: { requests: 2, windowSeconds: 1 } });
    for (const user of users) {
      assert.deepEqual(await setup.gateway.setPresence(user, inACall, 5), { ok: true });
    }
    const statuses = graphCalls(setup.emulator).map((c) => c.status);
    assert.deepEqual(statuses, [200, 200, 429, 200]);
    // The emulator's Retry-After is at least 1 s; allow for timer rounding only.
    assert.ok(gapAfter(setup, 429) >= 995, `retried after ${gapAfter(setup, 429)} ms`);
    assert.equal(setup.emulator.presenceOf(users[2]!).activity, 'InACall');
  });

  it('retries a 503 after its Retry-After and logs the retry', async () => {
    const logger = recordingLogger();
    setup = await startSetup({}, { logger });
    setup.emulator.injectFaults({ status: 503, count: 1, retryAfterSeconds: 1 });

    assert.deepEqual(await setup.gateway.setPresence(alice, inACall, 5), { ok: true });
    assert.deepEqual(
      graphCalls(setup.emulator).map((c) => c.status),
      [503, 200],
    );
    assert.ok(gapAfter(setup, 503) >= 995, `retried after ${gapAfter(setup, 503)} ms`);
    assert.equal(logger.warnings[0]?.fields['status'], 503);
    assert.equal(logger.warnings[0]?.fields['retryAfter'], '1');
  });

  it('gives up after maxRetries on a persistent 503 with a retryable result', async () => {
    setup = await startSetup({}, { maxRetries: 2 });
    setup.emulator.injectFaults({ status: 503, count: 3, retryAfterSeconds: 0 });

    const result = await setup.gateway.setPresence(alice, inACall, 5);

    assert.ok(!result.ok);
    assert.equal(result.retryable, true);
    assert.equal(result.status, 503);
    assert.equal(result.code, 'ServiceNotAvailable');
    assert.equal(graphCalls(setup.emulator).length, 3, 'one attempt and two retries');
  });

  it('sends the bearer token from the provider on every attempt', async () => {
    let asked = 0;
    const tokenProvider = (): Promise<string> => {
      asked += 1;
      return Promise.resolve(TOKEN);
    };
    setup = await startSetup({}, { tokenProvider });
    setup.emulator.injectFaults({ status: 503, count: 1, retryAfterSeconds: 0 });

    assert.deepEqual(await setup.gateway.setPresence(alice, inACall, 5), { ok: true });
    assert.equal(asked, 2);
  });

  it('maps a 401 for a wrong token to a non-retryable result with Graph’s code', async () => {
    setup = await startSetup({}, { tokenProvider: () => Promise.resolve('not-the-token') });

    const result = await setup.gateway.setPresence(alice, inACall, 5);

    assert.ok(!result.ok);
    assert.equal(result.retryable, false);
    assert.equal(result.status, 401);
    assert.equal(result.code, 'InvalidAuthenticationToken');
    assert.equal(setup.emulator.sessionsOf(alice).length, 0);
  });

  it('maps a failing token provider to a retryable result without calling Graph', async () => {
    setup = await startSetup(
      {},
      { tokenProvider: () => Promise.reject(new Error('login.microsoftonline.com unreachable')) },
    );

    const result = await setup.gateway.clearPresence(alice);

    assert.ok(!result.ok);
    assert.equal(result.retryable, true);
    assert.equal(result.code, 'graph_token_unavailable');
    assert.equal(graphCalls(setup.emulator).length, 0);
  });
});
