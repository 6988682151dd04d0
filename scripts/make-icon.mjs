// Draws images/icon.png (128×128 RGBA): three stacked image layers on a rounded square, the top one
// with a check mark. No dependencies: shapes are rasterised with 4×4 supersampling, the PNG is
// written with node:zlib. Run `node scripts/make-icon.mjs` after changing it.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const roundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
// A layer: a rhombus seen from above (isometric slab top), centred at (cx, cy).
const slab = (x, y, cx, cy, w, h) => Math.abs(x - cx) / w + Math.abs(y - cy) / h <= 1;
const segment = (x, y, ax, ay, bx, by, width) => {
  const dx = bx - ax,
    dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
};

/** Colour of a point in icon coordinates (0..128), or null for transparent. */
function shade(x, y) {
  let c = null;
  if (roundedRect(x, y, 4, 4, 124, 124, 24)) {
    const t = y / 128;
    c = [Math.round(18 + 10 * t), Math.round(44 + 20 * t), Math.round(84 + 30 * t)];
  }
  const layers = [
    { cy: 88, color: [56, 120, 190] },
    { cy: 70, color: [84, 160, 220] },
    { cy: 52, color: [238, 242, 247] },
  ];
  for (const l of layers) {
    if (slab(x, y, 64, l.cy + 4, 44, 20)) c = [12, 28, 56]; // edge/shadow
    if (slab(x, y, 64, l.cy, 44, 20)) c = l.color;
  }
  if (segment(x, y, 50, 52, 60, 60, 7) || segment(x, y, 60, 60, 79, 43, 7)) c = [40, 160, 90];
  return c;
}

const rows = [];
for (let py = 0; py < SIZE; py++) {
  const row = Buffer.alloc(1 + SIZE * 4);
  for (let px = 0; px < SIZE; px++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const c = shade(px + (sx + 0.5) / SS, py + (sy + 0.5) / SS);
        if (c) ((r += c[0]), (g += c[1]), (b += c[2]), a++);
      }
    const o = 1 + px * 4;
    if (a) ((row[o] = Math.round(r / a)), (row[o + 1] = Math.round(g / a)), (row[o + 2] = Math.round(b / a)));
    row[o + 3] = Math.round((255 * a) / (SS * SS));
  }
  rows.push(row);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(root, 'images', 'icon.png');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`${out}: ${png.length} bytes`);
