// A minimal self-signed X.509 certificate built with node:crypto alone (DER by hand), as a subscriber would
// export one for Graph's encryptionCertificate.
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

function der(tag: number, content: Buffer): Buffer {
  const len = content.length;
  if (len < 0x80) return Buffer.concat([Buffer.from([tag, len]), content]);
  const bytes: number[] = [];
  for (let n = len; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const seq = (...parts: Buffer[]): Buffer => der(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => der(0x31, Buffer.concat(parts));

/**
 * DER INTEGER of a non-negative big-endian number in its minimal form: leading zero bytes dropped (DER
 * forbids them; OpenSSL rejects a certificate whose serial has one), one 0x00 put back only when the top bit
 * is set, so that the value stays positive.
 */
export function derPositiveInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1;
  const minimal = bytes.subarray(start);
  const content = (minimal[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), minimal]) : minimal;
  return der(0x02, content.length === 0 ? Buffer.from([0]) : content);
}
const integer = derPositiveInteger;

/** A random serial of at most 8 bytes that is never zero (RFC 5280 4.1.2.2: a positive integer). */
function randomSerial(): Buffer {
  const bytes = randomBytes(8);
  bytes[7] = (bytes[7] ?? 0) | 1;
  return bytes;
}
const utf8 = (text: string): Buffer => der(0x0c, Buffer.from(text, 'utf8'));
const utcTime = (d: Date): Buffer =>
  der(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const bitString = (bytes: Buffer): Buffer => der(0x03, Buffer.concat([Buffer.from([0]), bytes]));

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const out = [first * 40 + second];
  for (const n of rest) {
    const chunk = [n & 0x7f];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
}

export interface SelfSignedCertificate {
  /** Base64 DER, as Graph's encryptionCertificate expects. */
  readonly certificateBase64: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

export interface CertificateOptions {
  /** Reuse a key pair (a new RSA key per certificate is slow). */
  readonly keys?: { readonly publicKey: KeyObject; readonly privateKey: KeyObject };
  /** Big-endian serial bytes; random when absent. */
  readonly serial?: Buffer;
}

export function makeSelfSignedCertificate(
  commonName = 'switchboard-test',
  modulusLength = 2048,
  options: CertificateOptions = {},
): SelfSignedCertificate {
  const { publicKey, privateKey } = options.keys ?? generateKeyPairSync('rsa', { modulusLength });
  const sha256WithRsa = seq(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const now = Date.now();
  const tbs = seq(
    der(0xa0, integer(Buffer.from([2]))),
    integer(options.serial ?? randomSerial()),
    sha256WithRsa,
    name,
    seq(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name,
    publicKey.export({ format: 'der', type: 'spki' }),
  );
  const certificate = seq(tbs, sha256WithRsa, bitString(sign('sha256', tbs, privateKey)));
  return { certificateBase64: certificate.toString('base64'), privateKey, publicKey };
}
