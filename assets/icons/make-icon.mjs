// Draws the app icon, assets/icons/icon.png (512x512 RGBA): a dark rounded square, a clock
// ring and a play triangle. No image library: the PNG is written by hand (zlib + CRC32).
// electron-builder derives the macOS .icns, the Windows .ico and the Linux sizes from it.
// Run: node assets/icons/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const pixels = Buffer.alloc(SIZE * SIZE * 4);

const BG = [16, 19, 23];
const RING = [86, 182, 255];
const PLAY = [255, 184, 77];

/** Coverage of a pixel by a shape, 4x4 supersampled for smooth edges. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

const c = SIZE / 2;
const roundedSquare = (x, y) => {
  const r = 96;
  const m = 16;
  const dx = Math.max(m + r - x, 0, x - (SIZE - m - r));
  const dy = Math.max(m + r - y, 0, y - (SIZE - m - r));
  return dx * dx + dy * dy <= r * r;
};
const ring = (x, y) => {
  const d = Math.hypot(x - c, y - c);
  return d >= 150 && d <= 186;
};
const play = (x, y) => {
  // A triangle pointing right, centred on the ring.
  const [ax, ay, bx, by, px] = [c - 55, c - 85, c - 55, c + 85, c + 95];
  if (x < ax || x > px) return false;
  const t = (x - ax) / (px - ax);
  return y >= ay + (c - ay) * t && y <= by - (by - c) * t;
};

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const at = (y * SIZE + x) * 4;
    const base = coverage(x, y, roundedSquare);
    let color = BG;
    const r = coverage(x, y, ring);
    const p = coverage(x, y, play);
    const mix = (a, b, t) => a.map((v, i) => Math.round(v * (1 - t) + b[i] * t));
    color = mix(color, RING, r);
    color = mix(color, PLAY, p);
    pixels[at] = color[0];
    pixels[at + 1] = color[1];
    pixels[at + 2] = color[2];
    pixels[at + 3] = Math.round(base * 255);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let k = n;
  for (let i = 0; i < 8; i++) k = k & 1 ? 0xedb88320 ^ (k >>> 1) : k >>> 1;
  return k >>> 0;
});
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const b of bytes) crc = CRC_TABLE[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) pixels.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
