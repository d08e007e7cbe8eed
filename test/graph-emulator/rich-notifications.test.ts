import assert from 'node:assert/strict';
import {
  X509Certificate,
  constants,
  createDecipheriv,
  createHmac,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject,
} from 'node:crypto';
import { startGraphEmulator, type GraphEmulator } from '../../src/adapters/graph-emulator';
import { FakeClock } from '../support/fake-clock';
import {
  bearer,
  delegatedToken,
  graph,
  itemsOf,
  startReceiver,
  type NotificationItem,
  type Receiver,
} from './helpers';
import { makeSelfSignedCertificate } from './self-signed-cert';

const MINUTE = 60_000;

/** The documented decryption steps (Microsoft Learn, change-notifications-with-resource-data). */
function decrypt(content: NonNullable<NotificationItem['encryptedContent']>, privateKey: KeyObject): unknown {
  const key = privateDecrypt(
    { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING },
    Buffer.from(content.dataKey, 'base64'),
  );
  const signature = createHmac('sha256', key).update(Buffer.from(content.data, 'base64')).digest('base64');
  assert.equal(signature, content.dataSignature, 'dataSignature is HMAC-SHA256 over the encrypted bytes');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  const plain = Buffer.concat([decipher.update(Buffer.from(content.data, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

describe('graph emulator: notifications with resource data', () => {
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

  const subscribe = async (extra: Record<string, unknown>) =>
    graph(
      emu,
      'POST',
      '/subscriptions',
      {
        changeType: 'updated',
        notificationUrl: receiver.url,
        resource: "/communications/presences?$filter=id in ('u1','u2')",
        expirationDateTime: new Date(clock.now() + 60 * MINUTE).toISOString(),
        clientState: 'cs-123',
        includeResourceData: true,
        ...extra,
      },
      bearer(token),
    );
  const setPresence = (user: string, availability: string, activity: string) =>
    graph(emu, 'POST', `/users/${user}/presence/setPresence`, { sessionId: 'app', availability, activity });

  it('includes encryptedContent that decrypts with the certificate’s private key', async () => {
    const cert = makeSelfSignedCertificate();
    const res = await subscribe({
      encryptionCertificate: cert.certificateBase64,
      encryptionCertificateId: 'cert-1',
    });
    assert.equal(res.status, 201);
    await setPresence('u2', 'Busy', 'InAConferenceCall');
    const [item] = itemsOf(await receiver.waitFor(1));
    const content = item?.encryptedContent;
    assert.ok(content);
    assert.equal(content.encryptionCertificateId, 'cert-1');
    const x509 = new X509Certificate(Buffer.from(cert.certificateBase64, 'base64'));
    assert.equal(content.encryptionCertificateThumbprint, x509.fingerprint.replace(/:/g, ''));
    const resource = decrypt(content, cert.privateKey) as Record<string, unknown>;
    assert.equal(resource.id, 'u2');
    assert.equal(resource.availability, 'Busy');
    assert.equal(resource.activity, 'InAConferenceCall');
    assert.equal(resource.sequenceNumber, emu.presenceOf('u2').sequenceNumber);
  });

  it('uses a fresh symmetric key for every notification', async () => {
    const cert = makeSelfSignedCertificate();
    await subscribe({ encryptionCertificate: cert.certificateBase64, encryptionCertificateId: 'cert-1' });
    await setPresence('u1', 'Away', 'Away');
    await setPresence('u1', 'Available', 'Available');
    const items = itemsOf(await receiver.waitFor(2));
    const keys = items.map((i) =>
      privateDecrypt(cert.privateKey, Buffer.from(i.encryptedContent?.dataKey ?? '', 'base64')),
    );
    assert.notDeepEqual(keys[0], keys[1]);
  });

  it('also accepts a bare SPKI public key as encryptionCertificate (an emulator convenience)', async () => {
    const cert = makeSelfSignedCertificate();
    const spki = cert.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
    const res = await subscribe({ encryptionCertificate: spki, encryptionCertificateId: 'spki-1' });
    assert.equal(res.status, 201);
    await setPresence('u1', 'Away', 'Away');
    const [item] = itemsOf(await receiver.waitFor(1));
    assert.ok(item?.encryptedContent);
    assert.equal(
      (decrypt(item.encryptedContent, cert.privateKey) as { availability: string }).availability,
      'Away',
    );
  });

  it('refuses keys that are not RSA 2048..4096 bits, and text that is no certificate', async () => {
    const spki = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');
    const candidates = [
      spki(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey),
      spki(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey),
      Buffer.from('not a certificate').toString('base64'),
    ];
    for (const encryptionCertificate of candidates) {
      const res = await subscribe({ encryptionCertificate, encryptionCertificateId: 'bad' });
      assert.equal(res.status, 400);
    }
    assert.equal(receiver.validations.length, 0, 'refused before the handshake');
  });
});
