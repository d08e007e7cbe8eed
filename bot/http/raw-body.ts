// The one body reader of every route: raw bytes as a Buffer (signatures are checked over exactly these), a
// per-route byte limit on the wire AND on the decoded bytes (a 300 KiB gzip can expand to 300 MiB), and no
// stream error that can escape as an unhandled 'error' event.
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Transform } from 'node:stream';
import type { Next, Request, Response } from 'restify';
import { sendError } from './http-errors';

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

type Failure = { readonly status: number; readonly code: string; readonly message: string };
type ReadResult = { readonly ok: true; readonly body: Buffer } | ({ readonly ok: false } & Failure);

const tooLarge = (limit: number): Failure => ({
  status: 413,
  code: 'payload_too_large',
  message: `The body is larger than this route's limit of ${limit} bytes`,
});
const bomb = (limit: number): Failure => ({
  status: 415,
  code: 'unsupported_content_encoding',
  message: `The decoded body is larger than this route's limit of ${limit} bytes`,
});

/** The decoder a Content-Encoding names, null for none, or a 415 for anything else (one coding only). */
function decoderFor(header: string | undefined): Transform | null | Failure {
  const coding = (header ?? '').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return null;
  const make = DECODERS[coding];
  if (make) return make();
  const message = 'Content-Encoding must be gzip, deflate, br or none';
  return { status: 415, code: 'unsupported_content_encoding', message };
}

const undecodable: Failure = {
  status: 400,
  code: 'invalid_content_encoding',
  message: 'The body could not be decoded as its Content-Encoding says',
};
const incomplete: Failure = { status: 400, code: 'body_incomplete', message: 'The body ended early' };

/** Collects at most `limit` bytes from a stream; settles once, whatever the stream does after. */
function collect(
  stream: NodeJS.ReadableStream,
  limit: number,
  over: Failure,
  broken: Failure,
): Promise<ReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: ReadResult) => {
      if (!settled) resolve(result);
      settled = true;
    };
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) return settle({ ok: false, ...over });
      chunks.push(chunk);
    });
    stream.on('end', () => settle({ ok: true, body: Buffer.concat(chunks, size) }));
    stream.on('error', () => settle({ ok: false, ...broken }));
    // A client that goes away mid-body never sends 'end'; 'close' after 'end' changes nothing.
    stream.on('close', () => settle({ ok: false, ...broken }));
  });
}

/** Feeds the request through the decoder, bounding both the wire bytes and the decoded bytes. */
function decode(req: Request, decoder: Transform, limit: number): Promise<ReadResult> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: ReadResult) => {
      if (!settled) resolve(result);
      settled = true;
      if (!result.ok) decoder.destroy();
    };
    let wire = 0;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      wire += chunk.length;
      if (wire > limit) return settle({ ok: false, ...tooLarge(limit) });
      decoder.write(chunk);
    });
    req.on('end', () => settled || decoder.end());
    req.on('error', () => settle({ ok: false, ...incomplete }));
    void collect(decoder, limit, bomb(limit), undecodable).then(settle);
  });
}

/** Reads and decodes the whole request body within `limit` bytes (before and after decoding). */
export async function readBody(req: Request, limit: number): Promise<ReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, ...tooLarge(limit) };
  const decoder = decoderFor(req.headers['content-encoding']);
  if (decoder === null) return collect(req, limit, tooLarge(limit), incomplete);
  if (!('pipe' in decoder)) return { ok: false, ...decoder };
  return decode(req, decoder, limit);
}

/** A restify handler: req.body becomes the raw (decoded) bytes, or the request is answered 4xx. */
export const readRawBody =
  (maxBytes: number) =>
  (req: Request, res: Response, next: Next): void => {
    readBody(req, maxBytes).then(
      (result) => {
        if (result.ok) {
          req.body = result.body;
          return next();
        }
        req.resume(); // discard the rest of the body so the answer can be read
        sendError(res, result.status, result.code, result.message);
        next(false);
      },
      (error: unknown) => next(error instanceof Error ? error : new Error(String(error))),
    );
  };

export function rawBody(req: Request): Buffer {
  const body: unknown = req.body;
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}

export function isJson(req: Request): boolean {
  return /^application\/([\w.+-]+\+)?json\b/i.test(req.header('content-type') ?? '');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** JSON.parse without throwing: undefined when the bytes are not valid UTF-8 or not JSON. */
export function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(utf8.decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
