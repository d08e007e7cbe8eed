// Issue 6, item 12, at the route as bot/app.ts builds it (certificate configured, the emulator as Graph and
// Entra over HTTP): a rich batch is read only when its validationTokens verify; otherwise none of its items
// reach the sink, however right their clientState and encryption are.
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  encryptResourceData,
  parseEncryptionCertificate,
} from '../../src/adapters/graph-emulator/encryption';
import { makeSelfSignedCertificate } from '../graph-emulator/self-signed-cert';
import {
  CLIENT_ID,
  eventually,
  graphCalls,
  newUserId,
  postJson,
  startHarness,
  type Harness,
} from './harness';

describe('rich notifications need valid validationTokens (issue 6 #12)', () => {
  const cert = makeSelfSignedCertificate('switchboard-notifications');
  let h: Harness;
  let dir: string;
  let user: string;
  let item: Record<string, unknown>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-cert-'));
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(certFile, new X509Certificate(Buffer.from(cert.certificateBase64, 'base64')).toString());
    writeFileSync(keyFile, cert.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    h = await startHarness({ cert: { certFile, keyFile } });
    user = newUserId();
    h.store.link(user);
    await h.setup.manager.start();
    const added = await h.setup.manager.addAccount({
      name: 'sync-1',
      refreshToken: h.emulator.issueDelegatedRefreshToken('sync-1@contoso.com'),
    });
    assert.equal(added.ok, true);
    await h.setup.manager.idle();
    // A correct item in every other respect: our subscription, its clientState, encrypted for our certificate.
    const create = graphCalls(h.emulator, 'POST', /^\/v1\.0\/subscriptions$/)[0]?.body as Record<
      string,
      string
    >;
    const key = parseEncryptionCertificate(cert.certificateBase64);
    if (typeof key === 'string') throw new Error(key);
    const resource = { id: user, availability: 'Busy', activity: 'InACall', sequenceNumber: 'Z9' };
    item = {
      subscriptionId: h.setup.manager.listAccounts()[0]?.subscriptionId,
      clientState: create.clientState,
      changeType: 'updated',
      resource: `communications/presences('${user}')`,
      resourceData: { id: user },
      encryptedContent: encryptResourceData(resource, key, String(create.encryptionCertificateId)),
    };
  });
  afterEach(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (validationTokens?: unknown) =>
    postJson(`${h.url}/api/graph/notifications`, {
      value: [item],
      ...(validationTokens === undefined ? {} : { validationTokens }),
    });

  it('reads the batch with the token Graph (the emulator) would send', async () => {
    const res = await post([h.emulator.issueValidationToken({ aud: CLIENT_ID })]);
    assert.equal(res.status, 202);
    assert.equal(h.received[0]?.[0]?.presence?.activity, 'InACall');
  });

  const refused: [string, () => unknown][] = [
    ['no validationTokens', () => undefined],
    ['an empty list', () => []],
    ['a token for another app', () => [h.emulator.issueValidationToken({ aud: 'another-app' })]],
    [
      'a token not from Graph’s publisher',
      () => [h.emulator.issueValidationToken({ aud: CLIENT_ID, appid: 'x' })],
    ],
    ['an expired token', () => [h.emulator.issueValidationToken({ aud: CLIENT_ID, expiresInSeconds: -900 })]],
    [
      'one good and one bad token',
      () => [
        h.emulator.issueValidationToken({ aud: CLIENT_ID }),
        h.emulator.issueValidationToken({ aud: 'another-app' }),
      ],
    ],
  ];
  for (const [name, tokens] of refused) {
    it(`refuses the whole batch with ${name}: 401, nothing reaches the sink`, async () => {
      const res = await post(tokens());
      assert.equal(res.status, 401);
      assert.equal(
        (JSON.parse(res.text) as { error: { code: string } }).error.code,
        'invalid_validation_tokens',
      );
      assert.deepEqual(h.received, []);
    });
  }

  it('still takes the emulator’s own rich notifications end to end', async () => {
    h.emulator.setClientPresence(user, { availability: 'Away', activity: 'Away' });
    await eventually(() => h.received.length > 0);
    assert.equal(h.received[0]?.[0]?.presence?.availability, 'Away');
  });
});
