import assert from 'node:assert/strict';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import { bearer, delegatedToken, graph, startReceiver, type Receiver } from './helpers';

const MINUTE = 60_000;

interface SubscriptionBody {
  id: string;
  resource: string;
  changeType: string;
  clientState: string;
  notificationUrl: string;
  expirationDateTime: string;
}

describe('graph emulator: presence subscriptions', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;
  let receiver: Receiver;
  let token: string;

  beforeEach(async () => {
    clock = new FakeClock();
    emu = await startGraphEmulator({ clock });
    receiver = await startReceiver();
    token = await delegatedToken(emu, 'sync@contoso.com');
  });
  afterEach(async () => {
    await emu.close();
    await receiver.close();
  });

  const expiry = (minutes: number) => new Date(clock.now() + minutes * MINUTE).toISOString();
  const request = (overrides: Record<string, unknown> = {}) => ({
    changeType: 'updated',
    notificationUrl: receiver.url,
    resource: '/communications/presences/user-1',
    expirationDateTime: expiry(60),
    clientState: 'secret-state',
    ...overrides,
  });
  const subscribe = (overrides: Record<string, unknown> = {}, as = token) =>
    graph(emu, 'POST', '/subscriptions', request(overrides), bearer(as));

  it('creates a subscription after the validation handshake and returns the resource', async () => {
    const res = await subscribe();
    assert.equal(res.status, 201);
    const sub = res.json as SubscriptionBody;
    assert.ok(sub.id);
    assert.equal(sub.resource, '/communications/presences/user-1');
    assert.equal(sub.changeType, 'updated');
    assert.equal(sub.clientState, 'secret-state');
    assert.equal(sub.notificationUrl, receiver.url);
    assert.equal(Date.parse(sub.expirationDateTime), clock.now() + 60 * MINUTE);
    assert.equal(receiver.validations.length, 1);
    assert.match(receiver.validations[0] ?? '', /^Validation: Testing client application reachability/);
    assert.equal(
      (
        (await graph(emu, 'GET', `/subscriptions/${sub.id}`, undefined, bearer(token)))
          .json as SubscriptionBody
      ).id,
      sub.id,
    );
  });

  it('validates the lifecycle URL too', async () => {
    const res = await subscribe({ lifecycleNotificationUrl: `${receiver.url}?lifecycle=1` });
    assert.equal(res.status, 201);
    assert.equal(receiver.validations.length, 2);
  });

  const failures: [string, Receiver['validation']][] = [
    ['answers 404', { status: 404 }],
    ['echoes a different body', { status: 200, body: 'not the token' }],
    ['answers JSON instead of text/plain', { status: 200, contentType: 'application/json' }],
  ];
  for (const [name, behaviour] of failures) {
    it(`refuses the subscription when the endpoint ${name}`, async () => {
      receiver.validation = behaviour;
      const res = await subscribe();
      assert.equal(res.status, 400);
      assert.match(
        (res.json as { error: { message: string } }).error.message,
        /^Subscription validation request failed/,
      );
      assert.deepEqual((await graph(emu, 'GET', '/subscriptions', undefined, bearer(token))).json, {
        '@odata.context': `${emu.url}/$metadata#subscriptions`,
        value: [],
      });
    });
  }

  it('refuses an unreachable notification URL', async () => {
    const res = await subscribe({ notificationUrl: 'http://127.0.0.1:1/nowhere' });
    assert.equal(res.status, 400);
  });

  it('refuses application tokens with 403; a token the emulator did not issue counts as the application', async () => {
    const app = await graph(emu, 'POST', '/subscriptions', request());
    assert.equal(app.status, 403);
    assert.equal((app.json as { error: { code: string } }).error.code, 'Forbidden');
    assert.equal((await graph(emu, 'POST', '/subscriptions', request(), bearer('made-up'))).status, 403);
    assert.equal(receiver.validations.length, 0);
  });

  it('caps expirationDateTime at 60 minutes and refuses the past', async () => {
    assert.equal((await subscribe({ expirationDateTime: expiry(61) })).status, 400);
    assert.equal((await subscribe({ expirationDateTime: expiry(-1) })).status, 400);
    assert.equal((await subscribe({ expirationDateTime: 'tomorrow' })).status, 400);
    assert.equal((await subscribe({ expirationDateTime: expiry(60) })).status, 201);
  });

  const invalidBodies: [string, Record<string, unknown>][] = [
    ['a clientState over 128 characters', { clientState: 'x'.repeat(129) }],
    ['a changeType other than updated', { changeType: 'created' }],
    ['a resource that is not presence', { resource: '/me/messages' }],
    [
      '651 ids in the filter',
      {
        resource: `/communications/presences?$filter=id in (${Array.from({ length: 651 }, (_, i) => `'u${i}'`).join(',')})`,
      },
    ],
    ['includeResourceData without a certificate', { includeResourceData: true }],
    ['a notificationUrl that is not a URL', { notificationUrl: 'not a url' }],
  ];
  for (const [name, overrides] of invalidBodies) {
    it(`answers 400 for ${name}`, async () => {
      const res = await subscribe(overrides);
      assert.equal(res.status, 400);
      assert.ok((res.json as { error: { code: string } }).error.code);
    });
  }

  it('allows one presence subscription per user per application (409 for a second)', async () => {
    assert.equal((await subscribe()).status, 201);
    const second = await subscribe({ resource: '/communications/presences/user-2' });
    assert.equal(second.status, 409);
    assert.equal((second.json as { error: { code: string } }).error.code, 'Conflict');
    assert.equal((await subscribe({}, await delegatedToken(emu, 'other@contoso.com'))).status, 201);
    assert.equal((await subscribe({}, await delegatedToken(emu, 'sync@contoso.com', 'app-2'))).status, 201);
  });

  it('renews with PATCH (same 60-minute cap) so the subscription outlives its first expiry', async () => {
    const sub = (await subscribe({ expirationDateTime: expiry(30) })).json as SubscriptionBody;
    clock.advance(20 * MINUTE);
    const over = await graph(
      emu,
      'PATCH',
      `/subscriptions/${sub.id}`,
      { expirationDateTime: expiry(61) },
      bearer(token),
    );
    assert.equal(over.status, 400);
    const renewed = await graph(
      emu,
      'PATCH',
      `/subscriptions/${sub.id}`,
      { expirationDateTime: expiry(60) },
      bearer(token),
    );
    assert.equal(renewed.status, 200);
    assert.equal(
      Date.parse((renewed.json as SubscriptionBody).expirationDateTime),
      clock.now() + 60 * MINUTE,
    );
    clock.advance(30 * MINUTE);
    assert.equal((await graph(emu, 'GET', `/subscriptions/${sub.id}`, undefined, bearer(token))).status, 200);
    clock.advance(30 * MINUTE);
    const fresh = await delegatedToken(emu, 'sync@contoso.com'); // the first access token lived one hour
    assert.equal((await graph(emu, 'GET', `/subscriptions/${sub.id}`, undefined, bearer(fresh))).status, 404);
  });

  it('refuses PATCH and reauthorize with an application token', async () => {
    const sub = (await subscribe()).json as SubscriptionBody;
    assert.equal(
      (await graph(emu, 'PATCH', `/subscriptions/${sub.id}`, { expirationDateTime: expiry(30) })).status,
      403,
    );
    assert.equal((await graph(emu, 'POST', `/subscriptions/${sub.id}/reauthorize`)).status, 403);
    assert.equal(
      (await graph(emu, 'POST', `/subscriptions/${sub.id}/reauthorize`, undefined, bearer(token))).status,
      204,
    );
  });

  it('lists, deletes (204) and then answers 404; an expired subscription disappears', async () => {
    const sub = (await subscribe()).json as SubscriptionBody;
    const listed = (await graph(emu, 'GET', '/subscriptions', undefined, bearer(token))).json as {
      value: SubscriptionBody[];
    };
    assert.deepEqual(
      listed.value.map((s) => s.id),
      [sub.id],
    );
    assert.equal(
      (await graph(emu, 'DELETE', `/subscriptions/${sub.id}`, undefined, bearer(token))).status,
      204,
    );
    assert.equal((await graph(emu, 'GET', `/subscriptions/${sub.id}`, undefined, bearer(token))).status, 404);
    assert.equal(
      (await graph(emu, 'DELETE', `/subscriptions/${sub.id}`, undefined, bearer(token))).status,
      404,
    );

    const short = (await subscribe({ expirationDateTime: expiry(10) })).json as SubscriptionBody;
    clock.advance(10 * MINUTE);
    const after = (await graph(emu, 'GET', '/subscriptions', undefined, bearer(token))).json as {
      value: SubscriptionBody[];
    };
    assert.deepEqual(after.value, []);
    assert.equal(
      (await graph(emu, 'GET', `/subscriptions/${short.id}`, undefined, bearer(token))).status,
      404,
    );
  });

  it('hides one user’s subscriptions from another delegated user', async () => {
    const sub = (await subscribe()).json as SubscriptionBody;
    const other = await delegatedToken(emu, 'other@contoso.com');
    assert.equal((await graph(emu, 'GET', `/subscriptions/${sub.id}`, undefined, bearer(other))).status, 404);
    assert.equal(
      (await graph(emu, 'DELETE', `/subscriptions/${sub.id}`, undefined, bearer(other))).status,
      404,
    );
  });
});
