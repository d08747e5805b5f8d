import type { FontName, Measure, Paragraph } from './types.js';
import { breakLines } from './line-break.js';
import { marksIn, parseMarks, type Mark } from './marks.js';

/**
 * A set line; `end` marks the last line of a hard line of the source text (a good place for a page break),
 * `paragraph` the index of the paragraph it belongs to, `marks` a redline's marked runs in it.
 */
export type Line = {
  readonly text: string;
  readonly font: FontName;
  readonly size: number;
  readonly align: 'left' | 'center' | 'right';
  readonly end: boolean;
  readonly paragraph: number;
  readonly marks?: readonly Mark[];
};

// A nowrap line is set at most this much smaller; text that would need more is broken after all, never clipped.
const MIN_NOWRAP_SCALE = 0.7;

/** Lines of paragraphs set in a column of `width` points. */
export const setParagraphs = (
  paragraphs: readonly Paragraph[],
  width: number,
  defaults: { font: FontName; size: number },
  measure: Measure,
): Line[] =>
  paragraphs.flatMap((paragraph, index) => {
    const font = paragraph.font ?? defaults.font;
    const align = paragraph.align ?? 'left';
    const widthOf = (unit: string): number => measure(unit, font, defaults.size);
    const { text, marks } = parseMarks(paragraph.text);
    // Offsets into the paragraph's plain text, so a line keeps the marks of its own characters.
    let hardStart = 0;
    return text.split('\n').flatMap((hardLine) => {
      const offset = hardStart;
      hardStart += hardLine.length + 1;
      const withMarks = (line: Omit<Line, 'paragraph' | 'marks'>, at: number): Line => {
        const own = marks.length > 0 ? marksIn(marks, offset + at, offset + at + line.text.length) : [];
        return own.length > 0 ? { ...line, paragraph: index, marks: own } : { ...line, paragraph: index };
      };
      if (paragraph.nowrap) {
        const scale = Math.min(1, width / measure(hardLine, font, defaults.size));
        if (scale >= MIN_NOWRAP_SCALE) return [withMarks({ text: hardLine, font, size: defaults.size * scale, align, end: true }, 0)];
      }
      const lines = breakLines(hardLine, width, widthOf);
      let cursor = 0;
      return lines.map((line, lineIndex) => {
        // breakLines returns pieces of the hard line in order (trailing spaces trimmed); a carriage return it
        // turned into a break is the only thing that can keep a piece from being found.
        const found = hardLine.indexOf(line, cursor);
        const at = found < 0 ? cursor : found;
        cursor = at + line.length;
        return withMarks({ text: line, font, size: defaults.size, align, end: lineIndex === lines.length - 1 }, at);
      });
    });
  });
