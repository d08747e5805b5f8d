import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as fontkit from 'fontkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precomputedMetricsModule } from '../../scripts/bundle-plugins.mjs';
import { createParsedFont, metricsKey } from '../../src/render/pdf/fonts.js';
import type { MetricsTable } from '../../src/render/pdf/precomputed-metrics.js';
import { readFonts, type FontBytes } from '../../src/store/index.js';
import { SEEDS, makeTempDir, seedFile } from '../helpers/seeds.js';

type Tables = ReadonlyMap<string, MetricsTable>;

/** A copy of a font whose directory records another hmtx checksum: a font changed since the build. */
const withOtherWidths = (bytes: Uint8Array): Uint8Array => {
  const copy = Uint8Array.from(bytes);
  const view = new DataView(copy.buffer);
  for (let record = 12; record < 12 + 16 * view.getUint16(4); record += 16) {
    if (String.fromCharCode(...copy.subarray(record, record + 4)) === 'hmtx') view.setUint32(record + 4, view.getUint32(record + 4) ^ 1);
  }
  return copy;
};

describe('font tables precomputed by the CLI build (scripts/build.mjs)', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let fonts: FontBytes;
  let tables: Tables;

  beforeAll(async () => {
    temp = await makeTempDir();
    fonts = await readFonts();
    const file = path.join(temp.dir, 'metrics.mjs');
    await writeFile(file, await precomputedMetricsModule());
    tables = ((await import(pathToFileURL(file).href)) as { PRECOMPUTED_METRICS: Tables }).PRECOMPUTED_METRICS;
  }, 60_000);
  afterAll(() => temp.cleanup());

  it('hold a table for each font the renderer reads, found by the font itself', () => {
    expect(tables.size).toBe(2);
    for (const bytes of [fonts.mincho, fonts.gothic]) expect(tables.has(metricsKey(fontkit.create(bytes)))).toBe(true);
  });

  it('give every character the glyph and width fontkit gives it, and no glyph where the font has none', async () => {
    const samples = await Promise.all(SEEDS.map((seed) => readFile(seedFile(seed.dir), 'utf8')));
    for (const bytes of [fonts.mincho, fonts.gothic]) {
      const fromTable = createParsedFont(bytes, tables);
      const fromFontkit = createParsedFont(bytes, new Map());
      const absent = ['\u{E000}', '\u{1F600}', '\u{10FFFF}', '\u{0}'];
      const chars = [...fontkit.create(bytes).characterSet.map((codePoint) => String.fromCodePoint(codePoint)), ...absent];
      for (const char of chars) expect(fromTable.glyphOf(char), char).toEqual(fromFontkit.glyphOf(char));
      for (const char of absent) expect(fromTable.hasGlyph(char)).toBe(false);
      for (const text of samples) expect(fromTable.widthOf(text, 9)).toBe(fromFontkit.widthOf(text, 9));
    }
  });

  it('measure a text as the sum of its characters\' advances, astral and lone surrogates included, measured twice alike', () => {
    const font = createParsedFont(fonts.mincho, tables);
    const text = '評価書😀\ud800ＡＢＣ評価書 abc😀';
    const units = [...text].reduce((sum, char) => sum + font.glyphOf(char).advanceWidth, 0);
    const expected = units * (1 / fontkit.create(fonts.mincho).unitsPerEm) * 9;
    expect(font.widthOf(text, 9)).toBe(expected);
    expect(font.widthOf(text, 9)).toBe(expected);
    expect(units).toBeGreaterThan(0);
  });

  it('are not used for a font whose widths changed since the build', () => {
    const changed = withOtherWidths(fonts.mincho);
    expect(tables.has(metricsKey(fontkit.create(changed)))).toBe(false);
    // Read with fontkit instead, to the same result.
    expect(createParsedFont(changed, tables).widthOf('特定個人情報', 9)).toBe(createParsedFont(fonts.mincho, new Map()).widthOf('特定個人情報', 9));
  });
});

type Subset = { includeGlyph: (id: number) => number; encode: () => Uint8Array };
type SubsettingFont = { loca: { version: number; offsets: ArrayLike<number> }; createSubset: () => Subset };

describe('the font subset pdfkit embeds (src/render/pdf/fonts.ts)', () => {
  it('reads the glyph offsets as fontkit reads them', async () => {
    const fonts = await readFonts();
    for (const bytes of [fonts.mincho, fonts.gothic]) {
      const ours = (createParsedFont(bytes).pdfFont as unknown as SubsettingFont).loca;
      const theirs = (fontkit.create(bytes) as unknown as SubsettingFont).loca;
      expect(ours.version).toBe(theirs.version);
      expect(ours.offsets.length).toBe(fontkit.create(bytes).numGlyphs + 1);
      expect(Array.from(ours.offsets)).toEqual(Array.from(theirs.offsets));
    }
  });

  it('has the bytes fontkit writes when it decodes every outline it copies', async () => {
    const fonts = await readFonts();
    const text = `${await readFile(seedFile(SEEDS[2].dir), 'utf8')}①②③ｱｲｳ々〆〇`;
    for (const bytes of [fonts.mincho, fonts.gothic]) {
      const parsed = createParsedFont(bytes);
      const ids = [...new Set([...text].map((char) => parsed.glyphOf(char).id))];
      // And glyphs from all over the font (these fonts have no composite glyph; one would be decoded whole).
      for (let id = 1; id < fontkit.create(bytes).numGlyphs; id += 97) ids.push(id);
      const subsetOf = (font: SubsettingFont): Uint8Array => {
        const subset = font.createSubset();
        for (const id of ids) subset.includeGlyph(id);
        return subset.encode();
      };
      const ours = subsetOf(parsed.pdfFont as unknown as SubsettingFont);
      expect(ours.length).toBeGreaterThan(10_000);
      expect(Buffer.from(ours).equals(Buffer.from(subsetOf(fontkit.create(bytes) as unknown as SubsettingFont)))).toBe(true);
    }
  });
});
