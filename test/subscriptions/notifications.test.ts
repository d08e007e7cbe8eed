import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSelfSignedCertificate } from '../graph-emulator/self-signed-cert';
import { eventually, graphCalls, newUserId, postJson, startHarness, type Harness } from './harness';

async function startWithAccount(h: Harness, users: string[]): Promise<string> {
  h.store.link(...users);
  await h.setup.manager.start();
  const result = await h.setup.manager.addAccount({
    name: 'sync-1',
    refreshToken: h.emulator.issueDelegatedRefreshToken('sync-1@contoso.com'),
  });
  assert.equal(result.ok, true);
  await h.setup.manager.idle();
  const id = h.setup.manager.listAccounts()[0]?.subscriptionId;
  assert.ok(id);
  return id;
}

describe('graph notifications route with basic notifications (emulator over HTTP)', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('answers the validation handshake with the decoded token as text/plain', async () => {
    for (const path of ['/api/graph/notifications', '/api/graph/lifecycle']) {
      const token = 'Validation: Testing client application reachability for subscription Request-Id: 1+2';
      const res = await fetch(`${h.url}${path}?validationToken=${encodeURIComponent(token)}`, {
        method: 'POST',
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
      assert.equal(await res.text(), token);
    }
  });

  it('hands a real presence notification to the sink with the user id', async () => {
    const user = newUserId();
    await startWithAccount(h, [user, newUserId()]);
    h.emulator.setClientPresence(user, { availability: 'Busy', activity: 'InACall' });
    await eventually(() => h.received.length > 0);
    assert.deepEqual(h.received[0], [{ teamsUserId: user }]);
  });

  it('drops a forged notification (wrong clientState or unknown subscription): the sink gets nothing', async () => {
    const user = newUserId();
    const id = await startWithAccount(h, [user]);
    const item = (subscriptionId: string, clientState: string) => ({
      subscriptionId,
      clientState,
      changeType: 'updated',
      resource: `communications/presences('${user}')`,
      resourceData: { id: user },
    });
    const res = await postJson(`${h.url}/api/graph/notifications`, {
      value: [item(id, 'guessed'), item('00000000-0000-0000-0000-000000000000', 'guessed'), item(id, '')],
    });
    assert.equal(res.status, 202);
    const lifecycle = await postJson(`${h.url}/api/graph/lifecycle`, {
      value: [{ subscriptionId: id, clientState: 'guessed', lifecycleEvent: 'reauthorizationRequired' }],
    });
    assert.equal(lifecycle.status, 202);
    await h.setup.manager.idle();
    assert.deepEqual(h.received, []);
    assert.equal(
      graphCalls(h.emulator, 'POST', /\/reauthorize$/).length,
      0,
      'a forged lifecycle event does nothing',
    );
  });
});

describe('graph notifications route with rich notifications (test certificate)', () => {
  let h: Harness;
  let dir: string;

  beforeEach(async () => {
    const cert = makeSelfSignedCertificate('switchboard-notifications');
    dir = mkdtempSync(join(tmpdir(), 'sb-cert-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(certFile, new X509Certificate(Buffer.from(cert.certificateBase64, 'base64')).toString());
    writeFileSync(keyFile, cert.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    h = await startHarness({ cert: { certFile, keyFile } });
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('subscribes with the certificate and decrypts the presence Graph sends', async () => {
    const user = newUserId();
    await startWithAccount(h, [user]);
    const create = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/)[0]?.body as Record<
      string,
      unknown
    >;
    assert.equal(create.includeResourceData, true);
    assert.match(String(create.encryptionCertificateId), /^switchboard-[0-9a-f]{40}$/);
    h.emulator.setClientPresence(user, { availability: 'Busy', activity: 'InACall' });
    await eventually(() => h.received.length > 0);
    const [change] = h.received[0] ?? [];
    assert.equal(change?.teamsUserId, user);
    assert.equal(change?.presence?.availability, 'Busy');
    assert.equal(change?.presence?.activity, 'InACall');
    assert.equal(change?.presence?.sequenceNumber, h.emulator.presenceOf(user).sequenceNumber);
  });
});
