/**
 * The fonts' character map and advance widths computed ahead of time. This module is empty in the sources; the CLI
 * build (scripts/bundle-plugins.mjs, `precomputedMetricsModule`) replaces it in the bundle with a table per font it ships, so a cold
 * `pia render` lays out and checks every character without fontkit parsing the cmap and hmtx tables glyph by glyph.
 * A table is found by its font's `metricsKey` (src/render/pdf/fonts.ts): other fonts, or fonts changed since the
 * build, find none and are read with fontkit as before.
 */
export type MetricsTable = {
  /** Every code point the font maps, ascending (Uint32Array bytes, base64). */
  readonly codePoints: string;
  /** The glyph id of each of those code points (Uint16Array bytes, base64). */
  readonly glyphIds: string;
  /** The advance width in font units of every glyph, by glyph id (Uint16Array bytes, base64). */
  readonly advances: string;
};

export const PRECOMPUTED_METRICS: ReadonlyMap<string, MetricsTable> = new Map();
