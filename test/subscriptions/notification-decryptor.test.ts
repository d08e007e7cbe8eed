import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import {
  encryptResourceData,
  parseEncryptionCertificate,
} from '../../src/adapters/graph-emulator/encryption';
import { loadNotificationCertificate } from '../../src/adapters/graph/notification-decryptor';
import { makeSelfSignedCertificate } from '../graph-emulator/self-signed-cert';

const pemOf = (base64Der: string): string => new X509Certificate(Buffer.from(base64Der, 'base64')).toString();

describe('notification decryptor (rich presence notifications)', () => {
  const cert = makeSelfSignedCertificate();
  const loaded = loadNotificationCertificate(
    pemOf(cert.certificateBase64),
    cert.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  const key = parseEncryptionCertificate(loaded.certificate);
  const encrypt = (resource: unknown, certificateId = loaded.certificateId) => {
    if (typeof key === 'string') throw new Error(key);
    return encryptResourceData(resource, key, certificateId);
  };

  it('gives Graph the certificate as base64 DER and decrypts what is encrypted for it', () => {
    assert.equal(loaded.certificate, cert.certificateBase64);
    const resource = { id: 'u1', availability: 'Busy', activity: 'InACall', sequenceNumber: 'C0001' };
    assert.deepEqual(loaded.decrypt(encrypt(resource)), { ok: true, resource });
  });

  it('refuses content whose signature does not match, before decrypting it', () => {
    const content = encrypt({ id: 'u1' });
    const data = Buffer.from(content.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 0xff;
    assert.deepEqual(loaded.decrypt({ ...content, data: data.toString('base64') }), {
      ok: false,
      reason: 'data_signature_mismatch',
    });
  });

  it('refuses content for another certificate and malformed content', () => {
    assert.deepEqual(loaded.decrypt(encrypt({ id: 'u1' }, 'someone-else')), {
      ok: false,
      reason: 'unknown_certificate',
    });
    assert.deepEqual(loaded.decrypt({ data: 'x' }), { ok: false, reason: 'malformed_encrypted_content' });
  });

  it('rejects a private key that does not belong to the certificate', () => {
    const other = makeSelfSignedCertificate();
    assert.throws(
      () =>
        loadNotificationCertificate(
          pemOf(cert.certificateBase64),
          other.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        ),
      /not the private key/,
    );
  });
});
