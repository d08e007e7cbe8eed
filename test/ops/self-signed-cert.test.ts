// Issue 7 item 10: the test certificate's serial was a raw 8 random bytes, so a leading 0x00 (about 1 run in
// 256 per certificate, ~2% of suite runs) gave a non-minimal DER INTEGER that OpenSSL refuses to parse.
import assert from 'node:assert/strict';
import { X509Certificate, generateKeyPairSync, randomBytes } from 'node:crypto';
import { derPositiveInteger, makeSelfSignedCertificate } from '../graph-emulator/self-signed-cert';

const keys = generateKeyPairSync('rsa', { modulusLength: 1024 });

function parse(serial?: Buffer): X509Certificate {
  const cert = makeSelfSignedCertificate('serial-test', 1024, { keys, serial });
  return new X509Certificate(Buffer.from(cert.certificateBase64, 'base64'));
}

describe('self-signed test certificate (issue 7 item 10)', () => {
  it('encodes integers minimally and positive', () => {
    const hex = (b: number[]) => derPositiveInteger(Buffer.from(b)).toString('hex');
    assert.equal(hex([0x00, 0x00, 0x12]), '020112');
    assert.equal(hex([0x00, 0x80]), '02020080');
    assert.equal(hex([0x7f, 0x00]), '02027f00');
    assert.equal(hex([0xff]), '020200ff');
    assert.equal(hex([0x00, 0x00]), '020100');
  });

  it('parses with OpenSSL for serials with leading zero bytes and a set top bit', () => {
    for (const serial of [[0x00, 0x12, 0x34], [0x00, 0x00, 0x00, 0x01], [0x00, 0x80, 0x01], [0x80], [0x01]]) {
      const x509 = parse(Buffer.from(serial));
      assert.equal(BigInt(`0x${x509.serialNumber}`), BigInt(`0x${Buffer.from(serial).toString('hex')}`));
    }
  });

  it('parses 2,000 certificates with random serials, a few hundred starting with 0x00', () => {
    for (let i = 0; i < 2000; i += 1) {
      const serial = randomBytes(8);
      if (i % 8 === 0) serial[0] = 0;
      const x509 = parse(serial);
      assert.equal(BigInt(`0x${x509.serialNumber}`), BigInt(`0x${serial.toString('hex')}`));
    }
  });

  it('gives a random, non-zero serial by default', () => {
    for (let i = 0; i < 200; i += 1) assert.notEqual(BigInt(`0x${parse().serialNumber}`), 0n);
  });
});
