// Small HTTP helpers for the emulator: body reading, replies, and Graph's error envelope.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a handler answers. `error` renders as Graph's error shape; `json`/`text` as the body. */
export interface Reply {
  readonly status: number;
  readonly json?: unknown;
  readonly text?: string;
  readonly error?: { readonly code: string; readonly message: string };
  readonly headers?: Readonly<Record<string, string>>;
}

/** Per-request identifiers Graph puts in its headers and in every error's innerError. */
export interface ReplyMeta {
  readonly requestId: string;
  readonly clientRequestId: string;
  readonly date: string;
}

export const MAX_BODY_BYTES = 1024 * 1024;

export function ok(json?: unknown, status = 200): Reply {
  return json === undefined ? { status } : { status, json };
}

export function fail(status: number, code: string, message: string, headers?: Record<string, string>): Reply {
  return headers ? { status, error: { code, message }, headers } : { status, error: { code, message } };
}

export async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    if (size > MAX_BODY_BYTES) return 'too_large';
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Empty body → undefined; invalid JSON → 'invalid'. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return 'invalid' as const;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function graphErrorBody(error: { code: string; message: string }, meta: ReplyMeta): unknown {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: meta.date,
        'request-id': meta.requestId,
        'client-request-id': meta.clientRequestId,
      },
    },
  };
}

export function writeReply(res: ServerResponse, reply: Reply, meta?: ReplyMeta): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (meta) {
    headers['request-id'] = meta.requestId;
    headers['client-request-id'] = meta.clientRequestId;
  }
  let payload = '';
  if (reply.error) {
    // Without meta the reply is not Graph's (control routes): the project's plain error shape.
    payload = JSON.stringify(meta ? graphErrorBody(reply.error, meta) : { error: reply.error });
    headers['content-type'] = 'application/json';
  } else if (reply.json !== undefined) {
    payload = JSON.stringify(reply.json);
    headers['content-type'] ??= 'application/json';
  } else if (reply.text !== undefined) {
    payload = reply.text;
    headers['content-type'] ??= 'text/plain; charset=utf-8';
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

/** Graph writes dates with seven fractional digits; clients must cope with that, so the emulator does too. */
export function graphDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '0000Z');
}
