/**
 * Whether pdfkit can draw a diagram file, decided before it tries. pdfkit reads PNG chunks by their declared
 * lengths (a forged length loops a billion times), and decodes transparent or interlaced PNGs in a zlib callback,
 * where a corrupt stream throws outside any caller: the server process would die. So the file's structure is
 * checked here, synchronously, the way pdfkit and png-js will read it.
 */
import { inflateSync } from 'node:zlib';

/** A diagram is a page at most: 5000 × 5000 pixels is far above a 300 dpi A4 scan (2480 × 3508). */
export const MAX_IMAGE_PIXELS = 25_000_000;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG_SIGNATURE = [0xff, 0xd8, 0xff];

/** Bits per sample allowed for each PNG colour type (PNG spec, table 11.1), and its samples per pixel. */
const PNG_COLOR_TYPES: Readonly<Record<number, { bits: readonly number[]; samples: number }>> = {
  0: { bits: [1, 2, 4, 8, 16], samples: 1 },
  2: { bits: [8, 16], samples: 3 },
  3: { bits: [1, 2, 4, 8], samples: 1 },
  4: { bits: [8, 16], samples: 2 },
  6: { bits: [8, 16], samples: 4 },
};

/** Adam7: the passes of an interlaced PNG as (x0, y0, dx, dy). */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

type ImageKind = 'png' | 'jpeg';

const startsWith = (bytes: Uint8Array, signature: readonly number[]): boolean =>
  bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);

const imageKind = (bytes: Uint8Array): ImageKind | undefined =>
  startsWith(bytes, PNG_SIGNATURE) ? 'png' : startsWith(bytes, JPEG_SIGNATURE) ? 'jpeg' : undefined;

type PngHeader = {
  width: number;
  height: number;
  bits: number;
  colorType: number;
  interlaced: boolean;
  transparency: boolean;
  data: Buffer;
};

/** The header and the joined IDAT data of a PNG whose every chunk lies inside the file; else why not. */
const readPngChunks = (bytes: Uint8Array): PngHeader | string => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const idat: Uint8Array[] = [];
  let header: Omit<PngHeader, 'data' | 'transparency'> | undefined;
  let palette = false;
  let transparency = false;
  for (let pos = PNG_SIGNATURE.length; ; ) {
    if (pos + 12 > bytes.length) return 'ファイルが途中で切れています';
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...bytes.subarray(pos + 4, pos + 8));
    const body = pos + 8;
    if (length > bytes.length - body - 4) return 'ファイルが途中で切れているか、壊れています';
    if (!header && type !== 'IHDR') return '先頭に画像の大きさ（IHDR）がありません';
    if (type === 'IHDR') {
      if (length !== 13) return '画像の大きさ（IHDR）が壊れています';
      header = {
        width: view.getUint32(body),
        height: view.getUint32(body + 4),
        bits: bytes[body + 8]!,
        colorType: bytes[body + 9]!,
        interlaced: bytes[body + 12] === 1,
      };
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'tRNS') {
      transparency = true;
    } else if (type === 'IDAT') {
      idat.push(bytes.subarray(body, body + length));
    } else if (type === 'IEND') {
      if (!header) return '画像の大きさ（IHDR）がありません';
      if (idat.length === 0) return '画素のデータ（IDAT）がありません';
      if (header.colorType === 3 && !palette) return '色の一覧（PLTE）がありません';
      return { ...header, transparency, data: Buffer.concat(idat) };
    }
    pos = body + length + 4;
  }
};

/** Scanline starts as png-js walks them: every one must name a filter (0–4), or png-js throws while decoding. */
const filtersValid = (data: Buffer, passes: readonly { rows: number; rowBytes: number }[]): boolean => {
  let pos = 0;
  for (const { rows, rowBytes } of passes) {
    for (let row = 0; row < rows && pos < data.length; row += 1) {
      if (data[pos]! > 4) return false;
      pos += 1 + rowBytes;
    }
  }
  return true;
};

/** Why pdfkit could not draw this PNG, or undefined when it can. */
const pngProblem = (bytes: Uint8Array): string | undefined => {
  const png = readPngChunks(bytes);
  if (typeof png === 'string') return png;
  const { width, height, bits, colorType, interlaced, transparency, data } = png;
  const type = PNG_COLOR_TYPES[colorType];
  if (!type || !type.bits.includes(bits)) return '色の形式が PNG の定めにありません';
  if (width === 0 || height === 0) return '画像の幅か高さが 0 です';
  if (width * height > MAX_IMAGE_PIXELS) return `画素数が多すぎます（${MAX_IMAGE_PIXELS / 1_000_000}百万画素まで）`;
  const bitsPerPixel = bits * type.samples;
  // png-js decodes these itself (alpha, transparent palette entries, interlacing), in whole bytes per pixel;
  // other PNGs go into the PDF as they are.
  const decoded = interlaced || colorType === 4 || colorType === 6 || (colorType === 3 && transparency);
  if (decoded && bitsPerPixel % 8 !== 0) return 'この形式（1画素8ビット未満で透過色かインターレースのあるもの）には対応していません。8ビットの PNG で保存し直してください';
  const rowBytes = (w: number): number => (decoded ? (w * bitsPerPixel) / 8 : Math.ceil((w * bitsPerPixel) / 8));
  const passOf = ([x0, y0, dx, dy]: readonly number[], pngJs: boolean): { rows: number; rowBytes: number } => {
    const w = Math.max(0, Math.ceil((width - x0!) / dx!));
    const rows = Math.ceil((height - y0!) / dy!);
    // The PNG spec leaves out passes without pixels; png-js still reads a filter byte for each of their rows.
    return { rows: w > 0 || pngJs ? rows : 0, rowBytes: rowBytes(w) };
  };
  const layout = interlaced ? ADAM7 : [[0, 0, 1, 1] as const];
  const passes = layout.map((pass) => passOf(pass, false));
  const expected = passes.reduce((sum, pass) => sum + pass.rows * (1 + pass.rowBytes), 0);
  let pixels: Buffer;
  try {
    pixels = inflateSync(data, { maxOutputLength: expected });
  } catch {
    return '画素のデータが壊れています';
  }
  const walked = decoded ? layout.map((pass) => passOf(pass, true)) : passes;
  if (pixels.length < expected || !filtersValid(pixels, walked)) return '画素のデータが壊れています';
  return undefined;
};

/** Why pdfkit could not draw this file, or undefined when it can (JPEGs are checked by pdfkit's own reading). */
export const imageProblem = (bytes: Uint8Array): string | undefined => {
  const kind = imageKind(bytes);
  if (!kind) return 'PNG でも JPEG でもありません';
  return kind === 'png' ? pngProblem(bytes) : undefined;
};
