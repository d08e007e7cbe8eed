import assert from 'node:assert/strict';
import {
  EMULATOR_TENANT_ID,
  startGraphEmulator,
  type GraphEmulator,
} from '../../src/adapters/graph-emulator';
import type { Logger } from '../../src/ports/logger.port';
import { FakeClock } from '../support/fake-clock';
import { bearer, call, delegatedToken, graph, itemsOf, startReceiver, type Receiver } from './helpers';

const MINUTE = 60_000;

describe('graph emulator: change and lifecycle notifications', () => {
  let clock: FakeClock;
  let emu: GraphEmulator;
  let receiver: Receiver;
  let token: string;
  const warnings: string[] = [];
  const logger: Logger = { debug() {}, info() {}, error() {}, warn: (_f, msg) => void warnings.push(msg) };

  beforeEach(async () => {
    clock = new FakeClock();
    warnings.length = 0;
    emu = await startGraphEmulator({ clock, logger });
    receiver = await startReceiver();
    token = await delegatedToken(emu, 'sync@contoso.com');
  });
  afterEach(async () => {
    await emu.close();
    await receiver.close();
  });

  async function subscribe(extra: Record<string, unknown> = {}): Promise<string> {
    const res = await graph(
      emu,
      'POST',
      '/subscriptions',
      {
        changeType: 'updated',
        notificationUrl: receiver.url,
        resource: "/communications/presences?$filter=id in ('u1','u2')",
        expirationDateTime: new Date(clock.now() + 60 * MINUTE).toISOString(),
        clientState: 'cs-123',
        ...extra,
      },
      bearer(token),
    );
    assert.equal(res.status, 201, JSON.stringify(res.json));
    return (res.json as { id: string }).id;
  }
  const setPresence = (user: string, availability: string, activity: string) =>
    graph(emu, 'POST', `/users/${user}/presence/setPresence`, { sessionId: 'app', availability, activity });

  it('posts a change notification with clientState when a subscribed user’s presence changes', async () => {
    const id = await subscribe();
    assert.equal((await setPresence('u1', 'Busy', 'InACall')).status, 200);
    const [item] = itemsOf(await receiver.waitFor(1));
    assert.deepEqual(item, {
      subscriptionId: id,
      clientState: 'cs-123',
      changeType: 'updated',
      resource: "communications/presences('u1')",
      subscriptionExpirationDateTime: item?.subscriptionExpirationDateTime,
      tenantId: EMULATOR_TENANT_ID,
      organizationId: EMULATOR_TENANT_ID,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.presence',
        '@odata.id': "communications/presences('u1')",
        id: 'u1',
      },
    });
    assert.equal(Date.parse(item?.subscriptionExpirationDateTime ?? ''), clock.now() + 60 * MINUTE);
  });

  it('notifies only on changes of the aggregate, only for covered users, and on session expiry', async () => {
    await subscribe();
    await setPresence('u1', 'Available', 'Available');
    await setPresence('u1', 'Available', 'Available'); // same aggregate: no notification
    await setPresence('u3', 'Away', 'Away'); // not covered
    await setPresence('u2', 'Away', 'Away');
    clock.advance(5 * MINUTE); // both sessions expire: two changes to Offline
    const items = itemsOf(await receiver.waitFor(4));
    assert.deepEqual(
      items.map((i) => i.resourceData.id),
      ['u1', 'u2', 'u1', 'u2'],
    );
  });

  it('stops notifying once the subscription expired', async () => {
    await subscribe({ expirationDateTime: new Date(clock.now() + 10 * MINUTE).toISOString() });
    clock.advance(10 * MINUTE);
    await setPresence('u1', 'Busy', 'InACall');
    const other = await startReceiver();
    try {
      // A fresh subscription's notification arriving proves the expired one's would have been sent by now.
      const later = await graph(
        emu,
        'POST',
        '/subscriptions',
        {
          changeType: 'updated',
          notificationUrl: other.url,
          resource: '/communications/presences/u1',
          expirationDateTime: new Date(clock.now() + 30 * MINUTE).toISOString(),
        },
        bearer(token),
      );
      assert.equal(later.status, 201);
      await setPresence('u1', 'Away', 'Away');
      await other.waitFor(1);
      assert.equal(receiver.notifications.length, 0);
    } finally {
      await other.close();
    }
  });

  it('posts lifecycle notifications to the lifecycle URL, programmatically and through the control route', async () => {
    const lifecycle = await startReceiver();
    try {
      const id = await subscribe({ lifecycleNotificationUrl: lifecycle.url });
      assert.equal(emu.triggerLifecycle(id, 'reauthorizationRequired'), true);
      const viaRoute = await call(`${emu.origin}/_emulator/subscriptions/${id}/lifecycle`, 'POST', {
        lifecycleEvent: 'reauthorizationRequired',
      });
      assert.equal(viaRoute.status, 202);
      const items = itemsOf(await lifecycle.waitFor(2));
      assert.deepEqual(items[0], {
        subscriptionId: id,
        lifecycleEvent: 'reauthorizationRequired',
        clientState: 'cs-123',
        subscriptionExpirationDateTime: items[0]?.subscriptionExpirationDateTime,
        tenantId: EMULATOR_TENANT_ID,
        organizationId: EMULATOR_TENANT_ID,
      });
      assert.equal(receiver.notifications.length, 0);
    } finally {
      await lifecycle.close();
    }
  });

  it('answers 404 for a lifecycle trigger on an unknown subscription or one without a lifecycle URL', async () => {
    const id = await subscribe();
    assert.equal(emu.triggerLifecycle(id, 'reauthorizationRequired'), false);
    const res = await call(`${emu.origin}/_emulator/subscriptions/nope/lifecycle`, 'POST', {
      lifecycleEvent: 'reauthorizationRequired',
    });
    assert.equal(res.status, 404);
  });

  it('logs a refused delivery and never fails the request that caused it', async () => {
    receiver.notificationStatus = 500;
    await subscribe();
    assert.equal((await setPresence('u1', 'Busy', 'InACall')).status, 200);
    await receiver.waitFor(1);
    while (warnings.length === 0) await new Promise((resolve) => setImmediate(resolve));
    assert.match(warnings[0] ?? '', /notification refused/);
  });
});
