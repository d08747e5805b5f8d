import type { FontName, Measure, Paragraph } from './types.js';
import { breakLines } from './line-break.js';

/** A set line; `end` marks the last line of a hard line of the source text (a good place for a page break). */
export type Line = { readonly text: string; readonly font: FontName; readonly size: number; readonly align: 'left' | 'center' | 'right'; readonly end: boolean };

/** Lines of paragraphs set in a column of `width` points. */
export const setParagraphs = (
  paragraphs: readonly Paragraph[],
  width: number,
  defaults: { font: FontName; size: number },
  measure: Measure,
): Line[] =>
  paragraphs.flatMap((paragraph) => {
    const font = paragraph.font ?? defaults.font;
    const widthOf = (unit: string): number => measure(unit, font, defaults.size);
    return paragraph.text.split('\n').flatMap((hardLine) => {
      const lines = breakLines(hardLine, width, widthOf);
      return lines.map((text, index) => ({ text, font, size: defaults.size, align: paragraph.align ?? 'left', end: index === lines.length - 1 }));
    });
  });
