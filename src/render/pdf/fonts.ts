import * as fontkit from 'fontkit';
import type { FontName } from '../layout/types.js';

type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number };
type Run = { glyphs: fontkit.Glyph[]; positions: Position[]; advanceWidth: number };

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
  readonly glyphOf: (char: string) => fontkit.Glyph;
};

const createParsedFont = (bytes: Uint8Array): ParsedFont => {
  const font = fontkit.create(bytes);
  const glyphs = new Map<number, fontkit.Glyph>();
  const glyphOf = (codePoint: number): fontkit.Glyph => {
    let glyph = glyphs.get(codePoint);
    if (!glyph) {
      glyph = font.glyphForCodePoint(codePoint);
      glyphs.set(codePoint, glyph);
    }
    return glyph;
  };
  const unitsOf = (text: string): number => {
    let units = 0;
    for (let index = 0; index < text.length; index += 1) {
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
  // Subsetting decodes each used glyph's outline again for every document; the outline never changes, so each
  // glyph keeps its first decoding.
  const decoded = new Set<object>();
  const getGlyph = (id: number, codePoints?: number[]): fontkit.Glyph => {
    const glyph = (font as unknown as { getGlyph: (id: number, codePoints?: number[]) => fontkit.Glyph & { _decode: () => unknown } }).getGlyph.call(pdfFont, id, codePoints);
    if (!decoded.has(glyph)) {
      const decode = glyph._decode.bind(glyph);
      let outline: unknown;
      let done = false;
      glyph._decode = () => {
        if (!done) {
          outline = decode();
          done = true;
        }
        return outline;
      };
      decoded.add(glyph);
    }
    return glyph;
  };
  const pdfFont = Object.create(font, { layout: { value: layout }, getGlyph: { value: getGlyph } }) as fontkit.Font;
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
