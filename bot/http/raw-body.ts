// Reads a body as raw bytes (needed for signatures) with a size cap; restify's reader answers 413 past it.
import restify from 'restify';
import type { Request } from 'restify';

export const readRawBody = (maxBytes: number) => restify.plugins.bodyReader({ maxBodySize: maxBytes });

export function rawBody(req: Request): Buffer {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body;
  return Buffer.from(typeof body === 'string' ? body : '', 'utf8');
}

export function isJson(req: Request): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(req.header('content-type') ?? '');
}

/** JSON.parse without throwing: undefined when the bytes are not JSON. */
export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
