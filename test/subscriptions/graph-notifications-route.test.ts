import assert from 'node:assert/strict';
import {
  mountGraphNotifications,
  type GraphNotificationsDeps,
} from '../../bot/http/graph-notifications-route';
import { createHttpServer, type HttpServer } from '../../bot/http/server';
import {
  encryptResourceData,
  parseEncryptionCertificate,
} from '../../src/adapters/graph-emulator/encryption';
import { notificationDecryptor } from '../../src/adapters/graph/notification-decryptor';
import { silentLogger } from '../../src/ports/logger.port';
import type { LifecycleNotice, PresenceChange } from '../../src/subscriptions/presence-change';
import { makeSelfSignedCertificate } from '../graph-emulator/self-signed-cert';
import { postJson } from './harness';

const SUB = 'sub-1';
const SECRET = 'the-client-state';
const USER = '6e8a9c52-4a3b-4d5e-9f01-2b3c4d5e6f70';
const cert = makeSelfSignedCertificate();
const key = parseEncryptionCertificate(cert.certificateBase64);

describe('graph notifications route (stub manager)', () => {
  let http: HttpServer;
  let url: string;
  let received: PresenceChange[][];
  let lifecycle: LifecycleNotice[];
  let sink: GraphNotificationsDeps['sink'];
  let stats: () => { dropped: number; sinkFailures: number; droppedByReason: Record<string, number> };
  let warnings: { fields: Record<string, unknown>; msg: string }[];

  beforeEach(async () => {
    received = [];
    lifecycle = [];
    warnings = [];
    sink = (changes) => {
      received.push([...changes]);
      return Promise.resolve();
    };
    http = createHttpServer();
    const mounted = mountGraphNotifications(http.server, {
      manager: {
        checkClientState: (id, cs) => id === SUB && cs === SECRET,
        onLifecycle: (n) => lifecycle.push(n),
      },
      sink: (changes) => sink(changes),
      decrypt: notificationDecryptor(cert.privateKey, 'cert-1'),
      logger: { ...silentLogger, warn: (fields, msg) => warnings.push({ fields, msg }) },
      sinkTimeoutMs: 200,
    });
    stats = mounted.stats;
    url = `${await http.listen(0, '127.0.0.1')}/api/graph/notifications`;
    http.markReady();
  });
  afterEach(() => http.close());

  const item = (extra: Record<string, unknown> = {}) => ({
    subscriptionId: SUB,
    clientState: SECRET,
    changeType: 'updated',
    resource: `communications/presences('${USER}')`,
    resourceData: { id: USER },
    ...extra,
  });
  const encrypted = (resource: unknown) => {
    if (typeof key === 'string') throw new Error(key);
    return encryptResourceData(resource, key, 'cert-1');
  };

  it('reads the user id from resourceData or from either resource spelling', async () => {
    const res = await postJson(url, {
      value: [
        item(),
        item({ resourceData: undefined, resource: `communications/presences/${USER}` }),
        item({ resourceData: undefined, resource: `/communications/presences('${USER}')` }),
      ],
    });
    assert.equal(res.status, 202);
    assert.deepEqual(received, [[{ teamsUserId: USER }, { teamsUserId: USER }, { teamsUserId: USER }]]);
  });

  it('hands lifecycle items to the manager and presence items to the sink', async () => {
    const res = await postJson(url, {
      value: [{ subscriptionId: SUB, clientState: SECRET, lifecycleEvent: 'reauthorizationRequired' }],
    });
    assert.equal(res.status, 202);
    assert.deepEqual(lifecycle, [{ subscriptionId: SUB, lifecycleEvent: 'reauthorizationRequired' }]);
    assert.deepEqual(received, []);
  });

  it('decrypts rich items and drops one whose dataSignature does not match', async () => {
    const good = encrypted({ id: USER, availability: 'Busy', activity: 'InACall', sequenceNumber: 'C1' });
    const tampered = {
      ...encrypted({ id: USER, availability: 'Away', activity: 'Away' }),
      dataSignature: good.dataSignature,
    };
    const res = await postJson(url, {
      value: [item({ encryptedContent: good }), item({ encryptedContent: tampered })],
    });
    assert.equal(res.status, 202);
    assert.deepEqual(received, [
      [{ teamsUserId: USER, presence: { availability: 'Busy', activity: 'InACall', sequenceNumber: 'C1' } }],
    ]);
    assert.equal(stats().dropped, 1);
  });

  it('answers 503 when the sink fails or is too slow', async () => {
    sink = () => Promise.reject(new Error('store down'));
    assert.equal((await postJson(url, { value: [item()] })).status, 503);
    sink = () => new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal((await postJson(url, { value: [item()] })).status, 503);
    assert.equal(stats().sinkFailures, 2);
  });

  it('answers 400 to a body that is not a notification collection and 202 to an empty one', async () => {
    assert.equal((await postJson(url, { nope: true })).status, 400);
    const raw = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    assert.equal(raw.status, 400);
    assert.equal((await postJson(url, { value: [] })).status, 202);
  });

  it('logs one summary line per request however many items it drops, and counts them by reason', async () => {
    const forged = Array.from({ length: 2000 }, () => item({ clientState: 'guessed' }));
    const res = await postJson(url, { value: [...forged, { clientState: SECRET }, 'junk', item()] });
    assert.equal(res.status, 202);
    assert.equal(warnings.length, 1);
    assert.deepEqual(warnings[0]?.fields.dropped, {
      unknown_subscription_or_client_state: 2000,
      no_subscription_id: 1,
      malformed_item: 1,
    });
    assert.equal(stats().dropped, 2002);
    assert.equal(stats().droppedByReason.unknown_subscription_or_client_state, 2000);
    assert.deepEqual(received, [[{ teamsUserId: USER }]]);
  });
});
