// Draws the Teams app icons (color 192x192, outline 32x32 white on transparent) as PNGs with zlib only.
// Run once after changing the design: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x / size, y / size), 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Two crossing lines of a switchboard: a bar from left to right on top, one from right to left below, and
// the jacks where they end.
function mark(u, v) {
  const inBar = (y0) => Math.abs(v - y0) < 0.06 && u > 0.2 && u < 0.8;
  const jack = (x, y) => (u - x) ** 2 + (v - y) ** 2 < 0.012;
  return inBar(0.38) || inBar(0.62) || jack(0.22, 0.38) || jack(0.78, 0.62);
}

writeFileSync(
  'appPackage/color.png',
  png(192, (u, v) => (mark(u, v) ? [255, 255, 255, 255] : [70, 71, 117, 255])),
);
writeFileSync(
  'appPackage/outline.png',
  png(32, (u, v) => (mark(u, v) ? [255, 255, 255, 255] : [0, 0, 0, 0])),
);
