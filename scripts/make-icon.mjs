// Draws images/icon.png (128×128): a Kubernetes-blue rounded square with a white shield and check mark.
import { writeFileSync } from 'fs';
import { deflateSync } from 'zlib';

const size = 128;
const pixels = Buffer.alloc(size * size * 4);
const set = (x, y, [r, g, b, a]) => pixels.set([r, g, b, a], (y * size + x) * 4);
const blue = [50, 108, 229, 255];
const white = [255, 255, 255, 255];

const inRoundedSquare = (x, y) => {
  const r = 22;
  const cx = Math.min(Math.max(x, r), size - 1 - r);
  const cy = Math.min(Math.max(y, r), size - 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
// Shield: flat top, sides narrowing to a point at the bottom.
const inShield = (x, y) => {
  if (y < 24 || y > 108) return false;
  const half = y < 70 ? 34 : 34 * (1 - (y - 70) / 38);
  return Math.abs(x - 64) <= half;
};
const distanceToSegment = (x, y, [x1, y1], [x2, y2]) => {
  const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / ((x2 - x1) ** 2 + (y2 - y1) ** 2)));
  return Math.hypot(x - (x1 + t * (x2 - x1)), y - (y1 + t * (y2 - y1)));
};
const onCheck = (x, y) => distanceToSegment(x, y, [46, 62], [60, 78]) < 6 || distanceToSegment(x, y, [60, 78], [84, 48]) < 6;

for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    if (!inRoundedSquare(x, y)) set(x, y, [0, 0, 0, 0]);
    else if (inShield(x, y)) set(x, y, onCheck(x, y) ? blue : white);
    else set(x, y, blue);
  }
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
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};
const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8);
const raw = Buffer.concat(Array.from({ length: size }, (_, y) => Buffer.concat([Buffer.from([0]), pixels.subarray(y * size * 4, (y + 1) * size * 4)])));
writeFileSync('images/icon.png', Buffer.concat([
  Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw)),
  chunk('IEND', Buffer.alloc(0)),
]));
