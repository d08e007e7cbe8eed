// Bad bodies shared by the rows: compressed bombs (small on the wire, huge decoded), broken streams,
// deep nesting, invalid UTF-8. Built once: a 32 MiB bomb takes a moment to compress.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

const BOMB_DECODED_BYTES = 32 * 1024 * 1024;
let bombs: Record<'gzip' | 'deflate' | 'br', Buffer> | null = null;

/** Compressed JSON-looking bodies that decode to 32 MiB (wire size: tens of KiB at most). */
export function bomb(coding: 'gzip' | 'deflate' | 'br'): Buffer {
  if (!bombs) {
    const decoded = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.alloc(BOMB_DECODED_BYTES, 0x61),
      Buffer.from('"}'),
    ]);
    bombs = { gzip: gzipSync(decoded), deflate: deflateSync(decoded), br: brotliCompressSync(decoded) };
  }
  return bombs[coding];
}

/** A gzip header followed by bytes that are not a deflate stream. */
export const brokenGzip = (): Buffer =>
  Buffer.concat([
    gzipSync(Buffer.from('{"ok":true}')).subarray(0, 10),
    Buffer.from('this is not deflate data'),
  ]);

/** {"a":{"a":…1…}} nested as deep as fits in `maxBytes`, at most 100,000 levels. */
export function deepObject(maxBytes: number): string {
  const depth = Math.min(100_000, Math.floor(maxBytes / 6) - 10);
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A body of `bytes` spaces: valid JSON whitespace, so only its size is wrong. */
export const oversized = (bytes: number): Buffer => Buffer.alloc(bytes, 0x20);

/** JSON whose string holds a byte sequence that is not UTF-8 (a lone 0xFF). */
export function invalidUtf8(json: string): Buffer {
  const [head, tail] = json.split('\uFFFD');
  return Buffer.concat([Buffer.from(head ?? ''), Buffer.from([0xff]), Buffer.from(tail ?? '')]);
}

export const HUGE_HEADER = 'Bearer ' + 'x'.repeat(1024 * 1024);
