/**
 * Japanese line breaking (JIS X 4051 kinsoku, the simple "push out" variant): a line never starts with closing
 * punctuation or small kana and never ends with an opening bracket. Latin words, numbers and URLs stay whole
 * unless a single word is wider than the line.
 */
const NO_LINE_START = new Set([
  ...'、。，．,.)）]］｝}〕〉》」』】〙〗〟’”｠»ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・:;：；/／%％',
]);
const NO_LINE_END = new Set([...'(（[［{｛〔〈《「『【〘〖〝‘“｟«']);
// Characters that glue to their neighbours into one unbreakable Latin word.
const WORD_CHAR = /[A-Za-z0-9@#&_\-.,:/%+=~'"]/;

/** Splits text into units that must not be separated: a Latin word, or one other character. */
const units = (text: string): string[] => {
  const result: string[] = [];
  let word = '';
  for (const char of text) {
    if (WORD_CHAR.test(char)) {
      word += char;
      continue;
    }
    if (word) {
      result.push(word);
      word = '';
    }
    result.push(char);
  }
  if (word) result.push(word);
  return result;
};

const firstChar = (unit: string): string => unit.charAt(0);
const lastChar = (unit: string): string => unit.charAt(unit.length - 1);

/** Breaks one hard line into lines no wider than `width`, given the width of each unit. */
const breakParagraph = (text: string, width: number, widthOf: (unit: string) => number): string[] => {
  const lines: string[][] = [];
  let line: string[] = [];
  let lineWidth = 0;
  const pushLine = (): void => {
    lines.push(line);
    line = [];
    lineWidth = 0;
  };
  for (const unit of units(text)) {
    const unitWidth = widthOf(unit);
    if (lineWidth + unitWidth <= width || line.length === 0) {
      if (unitWidth > width && line.length === 0 && unit.length > 1) {
        // A word wider than the whole line is cut by character, the only way it can fit.
        let piece = '';
        for (const char of unit) {
          if (piece && widthOf(piece + char) > width) {
            lines.push([piece]);
            piece = '';
          }
          piece += char;
        }
        line.push(piece);
        lineWidth = widthOf(piece);
        continue;
      }
      line.push(unit);
      lineWidth += unitWidth;
      continue;
    }
    // Push out: carry the line's tail over while the new line would start (or this one end) badly.
    const carried: string[] = [unit];
    while (line.length > 1 && (NO_LINE_START.has(firstChar(carried[0]!)) || NO_LINE_END.has(lastChar(line[line.length - 1]!)))) {
      carried.unshift(line.pop()!);
    }
    pushLine();
    for (const piece of carried) {
      line.push(piece);
      lineWidth += widthOf(piece);
    }
    // Carrying can overfill the new line only with a pathological run of prohibited characters; wrap again then.
    while (lineWidth > width && line.length > 1) {
      const overflow = line.pop()!;
      pushLine();
      line.push(overflow);
      lineWidth = widthOf(overflow);
    }
  }
  lines.push(line);
  return lines.map((parts) => parts.join('').replace(/[ \t]+$/, ''));
};

/**
 * Lines of `text` no wider than `width`. Hard line breaks are kept; an empty paragraph stays an empty line.
 * `widthOf` measures one unbreakable unit (cached by the caller).
 */
export const breakLines = (text: string, width: number, widthOf: (unit: string) => number): string[] =>
  text.replace(/\r\n?/g, '\n').split('\n').flatMap((paragraph) => (paragraph === '' ? [''] : breakParagraph(paragraph, width, widthOf)));
