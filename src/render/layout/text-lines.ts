import type { FontName, Measure, Paragraph } from './types.js';
import { breakLines } from './line-break.js';

/** A set line; `end` marks the last line of a hard line of the source text (a good place for a page break). */
export type Line = { readonly text: string; readonly font: FontName; readonly size: number; readonly align: 'left' | 'center' | 'right'; readonly end: boolean };

// A nowrap line is set at most this much smaller; text that would need more is broken after all, never clipped.
const MIN_NOWRAP_SCALE = 0.7;

/** Lines of paragraphs set in a column of `width` points. */
export const setParagraphs = (
  paragraphs: readonly Paragraph[],
  width: number,
  defaults: { font: FontName; size: number },
  measure: Measure,
): Line[] =>
  paragraphs.flatMap((paragraph) => {
    const font = paragraph.font ?? defaults.font;
    const align = paragraph.align ?? 'left';
    const widthOf = (unit: string): number => measure(unit, font, defaults.size);
    return paragraph.text.split('\n').flatMap((hardLine) => {
      if (paragraph.nowrap) {
        const scale = Math.min(1, width / measure(hardLine, font, defaults.size));
        if (scale >= MIN_NOWRAP_SCALE) return [{ text: hardLine, font, size: defaults.size * scale, align, end: true }];
      }
      const lines = breakLines(hardLine, width, widthOf);
      return lines.map((text, index) => ({ text, font, size: defaults.size, align, end: index === lines.length - 1 }));
    });
  });
