// Rich notifications' encryptedContent, made as Microsoft Learn describes ("Set up change notifications that
// include resource data"): a fresh 32-byte key per item; data = AES-256-CBC/PKCS7 with IV = first 16 bytes of
// the key; dataSignature = HMAC-SHA256(key, encrypted data bytes); dataKey = RSA-OAEP(SHA-1) of the key with
// the subscriber's certificate.
import {
  X509Certificate,
  constants,
  createCipheriv,
  createHash,
  createHmac,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

export interface EncryptionKey {
  readonly publicKey: KeyObject;
  /** Hex SHA-1 thumbprint of the certificate (of the SPKI when a bare public key was given). */
  readonly thumbprint: string;
}

export interface EncryptedContent {
  readonly data: string;
  readonly dataSignature: string;
  readonly dataKey: string;
  readonly encryptionCertificateId: string;
  readonly encryptionCertificateThumbprint: string;
}

function keyFromText(text: string): EncryptionKey {
  const trimmed = text.trim();
  if (trimmed.includes('-----BEGIN CERTIFICATE-----')) {
    const cert = new X509Certificate(trimmed);
    return { publicKey: cert.publicKey, thumbprint: cert.fingerprint.replace(/:/g, '') };
  }
  if (trimmed.includes('-----BEGIN')) {
    const publicKey = createPublicKey(trimmed);
    return { publicKey, thumbprint: spkiThumbprint(publicKey) };
  }
  const der = Buffer.from(trimmed, 'base64');
  try {
    const cert = new X509Certificate(der);
    return { publicKey: cert.publicKey, thumbprint: cert.fingerprint.replace(/:/g, '') };
  } catch {
    // Not a certificate: the emulator also accepts a bare SubjectPublicKeyInfo (DER), which is easier to make in tests.
    const publicKey = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return { publicKey, thumbprint: spkiThumbprint(publicKey) };
  }
}

function spkiThumbprint(key: KeyObject): string {
  return createHash('sha1')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('hex')
    .toUpperCase();
}

/** Base64 X.509 certificate (DER, or PEM), or a bare SPKI public key; RSA 2048..4096 bits. Error text otherwise. */
export function parseEncryptionCertificate(text: string): EncryptionKey | string {
  let key: EncryptionKey;
  try {
    key = keyFromText(text);
  } catch {
    return 'The encryptionCertificate is not a valid Base64-encoded X.509 certificate.';
  }
  const bits = key.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.publicKey.asymmetricKeyType !== 'rsa' || bits < 2048 || bits > 4096) {
    return 'The encryptionCertificate must hold an RSA public key of 2048 to 4096 bits.';
  }
  return key;
}

export function encryptResourceData(
  resource: unknown,
  key: EncryptionKey,
  certificateId: string,
): EncryptedContent {
  const symmetricKey = randomBytes(32);
  const cipher = createCipheriv('aes-256-cbc', symmetricKey, symmetricKey.subarray(0, 16));
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(resource), 'utf8'), cipher.final()]);
  const dataKey = publicEncrypt(
    { key: key.publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' },
    symmetricKey,
  );
  return {
    data: encrypted.toString('base64'),
    dataSignature: createHmac('sha256', symmetricKey).update(encrypted).digest('base64'),
    dataKey: dataKey.toString('base64'),
    encryptionCertificateId: certificateId,
    encryptionCertificateThumbprint: key.thumbprint,
  };
}
