/** Small PNG files built byte by byte: a real picture, and the broken ones a hostile folder may hold. */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

export const pngChunk = (type: string, data: Uint8Array): Buffer => {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
};

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export const pngHeader = (width: number, height: number, colorType: number, bits = 8, interlace = 0): Buffer => {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bits;
  data[9] = colorType;
  data[12] = interlace;
  return pngChunk('IHDR', data);
};

/** A real RGBA picture (colour type 6, so png-js decodes it, as it does transparent diagrams). */
export const rgbaPng = (width: number, height: number): Buffer => {
  const row = 1 + width * 4;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) pixels.set([x * 40, y * 40, 200, 255], y * row + 1 + x * 4);
  }
  return Buffer.concat([PNG_SIGNATURE, pngHeader(width, height, 6), pngChunk('IDAT', deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))]);
};

/** Files that start like an image and are not one pdfkit can draw, each with what is wrong. */
export const BROKEN_IMAGES: Readonly<Record<string, Buffer>> = {
  'text.png': Buffer.from('これは画像ではありません\n'),
  'truncated.png': Buffer.concat([PNG_SIGNATURE, Buffer.from('garbage')]),
  'corrupt-stream.png': Buffer.concat([PNG_SIGNATURE, pngHeader(10, 10, 6), pngChunk('IDAT', Buffer.from('not zlib')), pngChunk('IEND', Buffer.alloc(0))]),
  'short-stream.png': Buffer.concat([PNG_SIGNATURE, pngHeader(1000, 1000, 6), pngChunk('IDAT', deflateSync(Buffer.alloc(10))), pngChunk('IEND', Buffer.alloc(0))]),
  'huge-size.png': Buffer.concat([PNG_SIGNATURE, pngHeader(100_000, 100_000, 6), pngChunk('IDAT', deflateSync(Buffer.alloc(10))), pngChunk('IEND', Buffer.alloc(0))]),
  'zero-size.png': Buffer.concat([PNG_SIGNATURE, pngHeader(0, 0, 2), pngChunk('IDAT', deflateSync(Buffer.alloc(10))), pngChunk('IEND', Buffer.alloc(0))]),
  'forged-length.png': Buffer.concat([PNG_SIGNATURE, pngHeader(10, 10, 3), Buffer.from([0x7f, 0xff, 0xff, 0xf0]), Buffer.from('PLTE')]),
  'bad-filter.png': Buffer.concat([PNG_SIGNATURE, pngHeader(2, 2, 6), pngChunk('IDAT', deflateSync(Buffer.alloc(18, 9))), pngChunk('IEND', Buffer.alloc(0))]),
  'garbage.jpg': Buffer.from([0xff, 0xd8, 0xff, 0, 1, 2, 3]),
};
