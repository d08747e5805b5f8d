// The part of fontkit's API the renderer uses (fontkit ships no type declarations).
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    readonly advanceWidth: number;
    readonly codePoints: number[];
  }
  /** An entry of the font's table directory. */
  export interface TableRecord {
    readonly checkSum: number;
    readonly offset: number;
    readonly length: number;
  }
  export interface Font {
    readonly unitsPerEm: number;
    readonly postscriptName: string;
    readonly numGlyphs: number;
    /** Every code point the font maps. */
    readonly characterSet: number[];
    readonly directory: { readonly tables: Readonly<Record<string, TableRecord | undefined>> };
    glyphForCodePoint(codePoint: number): Glyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
    getGlyph(id: number, codePoints?: number[]): Glyph;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
