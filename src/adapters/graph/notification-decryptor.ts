// Rich presence notifications: Graph encrypts the resource for our certificate (Microsoft Learn, "Set up
// change notifications that include resource data"): dataKey = RSA-OAEP (SHA-1) of a symmetric key;
// dataSignature = HMAC-SHA256(key, encrypted data), checked BEFORE decrypting; data = AES-CBC/PKCS7 with
// IV = the first 16 bytes of the key. The batch's validationTokens are checked before any item is read
// (validation-tokens.ts); the per-subscription clientState then authenticates each item.
import {
  X509Certificate,
  constants,
  createDecipheriv,
  createHash,
  createHmac,
  createPrivateKey,
  privateDecrypt,
  timingSafeEqual,
  type KeyObject,
} from 'node:crypto';
import { CodedError } from '../../domain/errors';
import type { ResourceDecryptor } from '../../subscriptions/notification-items';

export interface NotificationCertificate {
  /** Base64 DER, as Graph's encryptionCertificate expects. */
  readonly certificate: string;
  /** Our id for it (≤ 128 chars); a new certificate gets a new id, so subscriptions are replaced. */
  readonly certificateId: string;
  readonly decrypt: ResourceDecryptor;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
type Decrypted = ReturnType<ResourceDecryptor>;
const refuse = (reason: string): Decrypted => ({ ok: false, reason });

function fields(
  content: unknown,
): { data: Buffer; signature: Buffer; dataKey: Buffer; certId?: string } | null {
  if (!isRecord(content)) return null;
  const { data, dataSignature, dataKey, encryptionCertificateId } = content;
  if (typeof data !== 'string' || typeof dataSignature !== 'string' || typeof dataKey !== 'string')
    return null;
  const parsed = {
    data: Buffer.from(data, 'base64'),
    signature: Buffer.from(dataSignature, 'base64'),
    dataKey: Buffer.from(dataKey, 'base64'),
  };
  return typeof encryptionCertificateId === 'string'
    ? { ...parsed, certId: encryptionCertificateId }
    : parsed;
}

function decryptData(key: Buffer, data: Buffer): unknown {
  const algorithm = key.length === 32 ? 'aes-256-cbc' : key.length === 16 ? 'aes-128-cbc' : null;
  if (!algorithm) throw new Error(`unexpected symmetric key length ${key.length}`);
  const decipher = createDecipheriv(algorithm, key, key.subarray(0, 16));
  return JSON.parse(Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8')) as unknown;
}

export function notificationDecryptor(privateKey: KeyObject, certificateId?: string): ResourceDecryptor {
  return (content) => {
    const parts = fields(content);
    if (!parts) return refuse('malformed_encrypted_content');
    if (certificateId && parts.certId && parts.certId !== certificateId) return refuse('unknown_certificate');
    let key: Buffer;
    try {
      key = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING }, parts.dataKey);
    } catch {
      return refuse('undecryptable_data_key');
    }
    const expected = createHmac('sha256', key).update(parts.data).digest();
    if (expected.length !== parts.signature.length || !timingSafeEqual(expected, parts.signature)) {
      return refuse('data_signature_mismatch');
    }
    try {
      return { ok: true, resource: decryptData(key, parts.data) };
    } catch {
      return refuse('undecryptable_data');
    }
  };
}

/** From the PEM files of GRAPH_NOTIFICATION_CERT_FILE and GRAPH_NOTIFICATION_KEY_FILE. */
export function loadNotificationCertificate(
  certificatePem: string,
  privateKeyPem: string,
): NotificationCertificate {
  let cert: X509Certificate;
  let privateKey: KeyObject;
  try {
    cert = new X509Certificate(certificatePem);
    privateKey = createPrivateKey(privateKeyPem);
  } catch (error) {
    throw new CodedError(
      'invalid_config',
      'GRAPH_NOTIFICATION_CERT_FILE/KEY_FILE must hold a PEM certificate and its private key',
      undefined,
      { cause: error },
    );
  }
  if (!cert.checkPrivateKey(privateKey)) {
    throw new CodedError(
      'invalid_config',
      'GRAPH_NOTIFICATION_KEY_FILE is not the private key of GRAPH_NOTIFICATION_CERT_FILE',
    );
  }
  const bits = cert.publicKey.asymmetricKeyDetails?.modulusLength ?? 0;
  if (cert.publicKey.asymmetricKeyType !== 'rsa' || bits < 2048 || bits > 4096) {
    throw new CodedError(
      'invalid_config',
      'GRAPH_NOTIFICATION_CERT_FILE must hold an RSA key of 2048 to 4096 bits',
    );
  }
  const der = cert.raw;
  const certificateId = `switchboard-${createHash('sha1').update(der).digest('hex')}`;
  return {
    certificate: der.toString('base64'),
    certificateId,
    decrypt: notificationDecryptor(privateKey, certificateId),
  };
}
