import * as fontkit from 'fontkit';
import type { FontName } from '../layout/types.js';
import { PRECOMPUTED_METRICS, type MetricsTable } from './precomputed-metrics.js';

/**
 * What painting needs of a glyph: its id, advance width in font units, and the code points it stands for (the first
 * ones it was looked up by, as fontkit keeps them), which become the PDF's ToUnicode map.
 */
export type FontGlyph = { readonly id: number; readonly advanceWidth: number; readonly codePoints: number[] };

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: FontGlyph[]; positions: Position[]; advanceWidth: number };

/**
 * A font parsed once per process, with the advance width of every character cached. Japanese text needs no
 * shaping, so `layout` maps code points straight to glyphs instead of running fontkit's OpenType layout for
 * every line: that is where plain pdfkit spends most of its time on CJK text.
 */
export type ParsedFont = {
  /** What pdfkit embeds: the fontkit font with the fast `layout`. */
  readonly pdfFont: fontkit.Font;
  /** Advance width in points of `text` at `size`. */
  readonly widthOf: (text: string, size: number) => number;
  readonly hasGlyph: (char: string) => boolean;
  /** The glyph a character is drawn with (the font's .notdef glyph, id 0, when it has none). */
  readonly glyphOf: (char: string) => FontGlyph;
};

/** fontkit's internals the subset goes through (src/render/pdf/fontkit.d.ts declares its public part). */
type Loca = { readonly version: number; readonly offsets: ArrayLike<number> };
type FontInternals = {
  readonly loca: Loca;
  readonly head: { readonly indexToLocFormat: number };
  _getTableStream: (tag: string) => { pos: number; readInt16BE: () => number };
  getGlyph: (id: number, codePoints?: number[]) => fontkit.Glyph & { _decode: () => unknown };
};

/**
 * What identifies a font's character map and widths: the checksums and lengths its table directory records for
 * cmap and hmtx, and its glyph count (scripts/bundle-plugins.mjs keys the precomputed tables the same way). Reading them
 * costs nothing beyond opening the font, unlike hashing its megabytes.
 */
export const metricsKey = (font: fontkit.Font): string => {
  const { cmap, hmtx } = font.directory.tables;
  return cmap && hmtx ? `${font.numGlyphs}:${cmap.checkSum}:${cmap.length}:${hmtx.checkSum}:${hmtx.length}` : '';
};

/** Typed-array bytes as written by the build (on the machine that runs them, so of its byte order). */
const bytesOf = (base64: string): ArrayBuffer => {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
};

/** Glyph id and advance of a code point, from a precomputed table (a binary search) or from fontkit. */
type Lookup = { readonly glyphId: (codePoint: number) => number; readonly advance: (glyphId: number) => number };

const tableLookup = (table: MetricsTable): Lookup => {
  const codePoints = new Uint32Array(bytesOf(table.codePoints));
  const glyphIds = new Uint16Array(bytesOf(table.glyphIds));
  const advances = new Uint16Array(bytesOf(table.advances));
  return {
    glyphId: (codePoint) => {
      let low = 0;
      let high = codePoints.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const found = codePoints[middle]!;
        if (found === codePoint) return glyphIds[middle]!;
        if (found < codePoint) low = middle + 1;
        else high = middle - 1;
      }
      return 0;
    },
    advance: (glyphId) => advances[glyphId] ?? 0,
  };
};

const fontkitLookup = (font: fontkit.Font): Lookup => ({
  glyphId: (codePoint) => font.glyphForCodePoint(codePoint).id,
  advance: (glyphId) => font.getGlyph(glyphId).advanceWidth,
});

/**
 * The glyph offsets (loca table) read straight from the font's bytes: fontkit decodes its 12,639 entries field by
 * field through its generic table reader when the subset first asks for one.
 */
const locaOf = (font: fontkit.Font, bytes: Uint8Array): Loca | undefined => {
  const record = font.directory.tables['loca'];
  if (!record) return undefined;
  const version = (font as unknown as FontInternals).head.indexToLocFormat;
  const view = new DataView(bytes.buffer, bytes.byteOffset + record.offset, record.length);
  const offsets = new Uint32Array(version === 0 ? record.length >>> 1 : record.length >>> 2);
  // The short format stores offsets halved (as fontkit's reader doubles them).
  for (let index = 0; index < offsets.length; index += 1) {
    offsets[index] = version === 0 ? view.getUint16(index * 2) * 2 : view.getUint32(index * 4);
  }
  return { version, offsets };
};

/**
 * Subsetting decodes each glyph it copies only to learn whether it is a composite (whose components it copies
 * too): the outline of a simple glyph is never used. Its header says which it is; only composites are decoded.
 */
const lightDecode = (font: FontInternals, id: number, decode: () => unknown): (() => unknown) => {
  let outline: unknown;
  let done = false;
  return () => {
    if (!done) {
      const { offsets } = font.loca;
      if (offsets[id] === offsets[id + 1]) {
        outline = null;
      } else {
        const stream = font._getTableStream('glyf');
        stream.pos += offsets[id]!;
        const numberOfContours = stream.readInt16BE();
        outline = numberOfContours < 0 ? decode() : { numberOfContours };
      }
      done = true;
    }
    return outline;
  };
};

export const createParsedFont = (bytes: Uint8Array, precomputed: ReadonlyMap<string, MetricsTable> = PRECOMPUTED_METRICS): ParsedFont => {
  const font = fontkit.create(bytes);
  const internals = font as unknown as FontInternals;
  const table = precomputed.get(metricsKey(font));
  const lookup = table ? tableLookup(table) : fontkitLookup(font);
  // One glyph per id, with the code points it was first looked up by, as fontkit's own glyph cache keeps them.
  const byId = new Map<number, FontGlyph>();
  const glyphs = new Map<number, FontGlyph>();
  const glyphOf = (codePoint: number): FontGlyph => {
    let glyph = glyphs.get(codePoint);
    if (!glyph) {
      const id = lookup.glyphId(codePoint);
      glyph = byId.get(id);
      if (!glyph) {
        glyph = { id, advanceWidth: lookup.advance(id), codePoints: [codePoint] };
        byId.set(id, glyph);
      }
      glyphs.set(codePoint, glyph);
    }
    return glyph;
  };
  // Advances of the Basic Multilingual Plane by code unit, NaN until first looked up: the layout measures every
  // unit as it breaks lines and every line again as it places it, and indexing an array beats a Map lookup.
  const bmpAdvances = new Float64Array(0x10000).fill(Number.NaN);
  const unitsOf = (text: string): number => {
    let units = 0;
    for (let index = 0; index < text.length; index += 1) {
      const code = text.charCodeAt(index);
      if (code < 0xd800 || code > 0xdfff) {
        let advance = bmpAdvances[code]!;
        if (Number.isNaN(advance)) advance = bmpAdvances[code] = glyphOf(code).advanceWidth;
        units += advance;
        continue;
      }
      const codePoint = text.codePointAt(index)!;
      if (codePoint > 0xffff) index += 1;
      units += glyphOf(codePoint).advanceWidth;
    }
    return units;
  };
  const layout = (text: string): Run => {
    const run: Run = { glyphs: [], positions: [], advanceWidth: 0 };
    for (const char of text) {
      const glyph = glyphOf(char.codePointAt(0)!);
      run.glyphs.push(glyph);
      // pdfkit scales the positions in place, so each run gets fresh objects.
      run.positions.push({ xAdvance: glyph.advanceWidth, yAdvance: 0, xOffset: 0, yOffset: 0 });
      run.advanceWidth += glyph.advanceWidth;
    }
    return run;
  };
  // The glyphs the subset copies, each decoded (lightly) once per process however many documents use it.
  const decoded = new Set<object>();
  const getGlyph = (id: number, codePoints?: number[]): fontkit.Glyph => {
    const glyph = internals.getGlyph.call(pdfFont, id, codePoints);
    if (!decoded.has(glyph)) {
      glyph._decode = lightDecode(pdfFont as unknown as FontInternals, id, glyph._decode.bind(glyph));
      decoded.add(glyph);
    }
    return glyph;
  };
  let loca: Loca | undefined;
  const pdfFont = Object.create(font, {
    layout: { value: layout },
    getGlyph: { value: getGlyph },
    // The glyphs and the subset read the offsets through the font they were made by: this one.
    loca: { get: () => (loca ??= locaOf(font, bytes) ?? internals.loca) },
  }) as fontkit.Font;
  const perPoint = 1 / font.unitsPerEm;
  return {
    pdfFont,
    widthOf: (text, size) => unitsOf(text) * perPoint * size,
    hasGlyph: (char) => glyphOf(char.codePointAt(0)!).id !== 0,
    glyphOf: (char) => glyphOf(char.codePointAt(0)!),
  };
};

const parsed = new WeakMap<Uint8Array, ParsedFont>();

/** The parsed font for these bytes, parsed on first use and kept for the life of the bytes. */
export const parseFont = (bytes: Uint8Array): ParsedFont => {
  let font = parsed.get(bytes);
  if (!font) {
    font = createParsedFont(bytes);
    parsed.set(bytes, font);
  }
  return font;
};

export type FontSet = Readonly<Record<FontName, ParsedFont>>;
