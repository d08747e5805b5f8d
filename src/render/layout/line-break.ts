/**
 * Japanese line breaking (JIS X 4051 kinsoku, the simple "push out" variant): a line never starts with closing
 * punctuation or small kana and never ends with an opening bracket. Latin words, numbers and URLs stay whole
 * unless a single word is wider than the line. Works on indices into the text, so a long document allocates
 * only its lines.
 */
const NO_LINE_START = new Set([
  ...'、。，．,.)）]］｝}〕〉》」』】〙〗〟’”｠»ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻‐゠–〜～？！?!‼⁇⁈⁉・:;：；/／%％',
]);
// A hyphen never ends a line either: text extraction (pdftotext) drops a line-final hyphen as word hyphenation,
// which would turn 「Ⅱ-(１)-５提供先1-⑤」 into 「…提供先1⑤」 for anyone copying the text.
const NO_LINE_END = new Set([...'(（[［{｛〔〈《「『【〘〖〝‘“｟«-']);
// Characters that glue to their neighbours into one unbreakable Latin word.
const WORD_CHAR = /[A-Za-z0-9@#&_\-.,:/%+=~'"]/;

/** Start index of every unbreakable unit (a Latin word or one other character), plus the text length. */
const unitBounds = (text: string): number[] => {
  const bounds: number[] = [];
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    // The low half of a surrogate pair belongs to the character before it.
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    const isWord = code < 0x80 && WORD_CHAR.test(text[index]!);
    if (!(isWord && inWord)) bounds.push(index);
    inWord = isWord;
  }
  bounds.push(text.length);
  return bounds;
};

/** Breaks one hard line into lines no wider than `width`. */
const breakParagraph = (text: string, width: number, widthOf: (unit: string) => number): string[] => {
  const bounds = unitBounds(text);
  const count = bounds.length - 1;
  const widths = new Float64Array(count);
  for (let unit = 0; unit < count; unit += 1) widths[unit] = widthOf(text.slice(bounds[unit], bounds[unit + 1]));
  const lines: string[] = [];
  let start = 0; // first unit of the current line
  let lineWidth = 0;
  let unit = 0;
  while (unit < count) {
    const unitWidth = widths[unit]!;
    if (lineWidth + unitWidth <= width || unit === start) {
      if (unit === start && unitWidth > width && bounds[unit + 1]! - bounds[unit]! > 1) {
        // A word wider than the whole line is cut by character, the only way it can fit.
        let piece = bounds[unit]!;
        for (let index = piece + 1; index < bounds[unit + 1]!; index += 1) {
          if (widthOf(text.slice(piece, index + 1)) > width) {
            lines.push(text.slice(piece, index));
            piece = index;
          }
        }
        lines.push(text.slice(piece, bounds[unit + 1]));
        unit += 1;
        start = unit;
        lineWidth = 0;
        continue;
      }
      lineWidth += unitWidth;
      unit += 1;
      continue;
    }
    // Push out: carry the line's tail over while the next line would start (or this one end) badly.
    let cut = unit;
    while (cut - 1 > start && (NO_LINE_START.has(text[bounds[cut]!]!) || NO_LINE_END.has(text[bounds[cut]! - 1]!))) cut -= 1;
    lines.push(text.slice(bounds[start], bounds[cut]).replace(/[ \t]+$/, ''));
    start = cut;
    lineWidth = 0;
    // The carried units are set again on the new line, so an overfull carry simply wraps once more.
    unit = cut;
  }
  if (start < count || lines.length === 0) lines.push(text.slice(bounds[start], bounds[count]).replace(/[ \t]+$/, ''));
  return lines;
};

/**
 * Lines of `text` no wider than `width`. Hard line breaks are kept; an empty paragraph stays an empty line.
 * `widthOf` measures one unbreakable unit (cached by the caller).
 */
export const breakLines = (text: string, width: number, widthOf: (unit: string) => number): string[] =>
  text.replace(/\r\n?/g, '\n').split('\n').flatMap((paragraph) => (paragraph === '' ? [''] : breakParagraph(paragraph, width, widthOf)));
