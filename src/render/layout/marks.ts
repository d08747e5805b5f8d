/**
 * Redline marks inside text. A reviewer's copy prints the newer text with what changed since an older one: runs
 * only the newer text has (inserted) and runs only the older one had (deleted). The templates pass text through
 * as it is, so the runs travel inside the text itself, between characters of the Private Use Area that no font
 * of the document has (a value holding one is refused as a missing glyph), and the layout turns them into styled
 * runs.
 */
import type { MarkKind } from './types.js';

const OPEN: Readonly<Record<MarkKind, string>> = { ins: '\uE000', del: '\uE002' };
const CLOSE: Readonly<Record<MarkKind, string>> = { ins: '\uE001', del: '\uE003' };
const KIND_OF = new Map<string, { kind: MarkKind; open: boolean }>([
  [OPEN.ins, { kind: 'ins', open: true }],
  [CLOSE.ins, { kind: 'ins', open: false }],
  [OPEN.del, { kind: 'del', open: true }],
  [CLOSE.del, { kind: 'del', open: false }],
]);
const ANY_MARK = /[\uE000-\uE003]/;
const ALL_MARKS = /[\uE000-\uE003]/g;

/** A run of `text` in a kind of mark, in UTF-16 offsets. */
export type Mark = { readonly start: number; readonly end: number; readonly kind: MarkKind };

/** `text` as a marked run. */
export const marked = (kind: MarkKind, text: string): string => (text === '' ? '' : `${OPEN[kind]}${text}${CLOSE[kind]}`);

export const hasMarks = (text: string): boolean => ANY_MARK.test(text);

/** The text without its marks. */
export const unmarked = (text: string): string => (hasMarks(text) ? text.replace(ALL_MARKS, '') : text);

/** The older and the newer text a marked text stands for. */
export const sidesOf = (text: string): { before: string; after: string } => {
  let before = '';
  let after = '';
  let kind: MarkKind | undefined;
  for (const char of text) {
    const mark = KIND_OF.get(char);
    if (mark) kind = mark.open ? mark.kind : undefined;
    else {
      if (kind !== 'ins') before += char;
      if (kind !== 'del') after += char;
    }
  }
  return { before, after };
};

/** The plain text and its marked runs. */
export const parseMarks = (text: string): { text: string; marks: Mark[] } => {
  if (!hasMarks(text)) return { text, marks: [] };
  let plain = '';
  const marks: Mark[] = [];
  let open: { kind: MarkKind; start: number } | undefined;
  for (const char of text) {
    const mark = KIND_OF.get(char);
    if (!mark) {
      plain += char;
      continue;
    }
    if (open && open.start < plain.length) marks.push({ start: open.start, end: plain.length, kind: open.kind });
    open = mark.open ? { kind: mark.kind, start: plain.length } : undefined;
  }
  if (open && open.start < plain.length) marks.push({ start: open.start, end: plain.length, kind: open.kind });
  return { text: plain, marks };
};

/** The marks of `marks` that fall in `[start, end)`, relative to `start`. */
export const marksIn = (marks: readonly Mark[], start: number, end: number): Mark[] =>
  marks.flatMap((mark) => {
    const from = Math.max(mark.start, start);
    const to = Math.min(mark.end, end);
    return from < to ? [{ start: from - start, end: to - start, kind: mark.kind }] : [];
  });

/** Marked text cut at `separator`, each piece with its own balanced marks (a run spanning a cut continues). */
export const splitMarked = (text: string, separator: string): string[] => {
  if (!hasMarks(text)) return text.split(separator);
  const { text: plain, marks } = parseMarks(text);
  const pieces: string[] = [];
  let start = 0;
  for (const part of plain.split(separator)) {
    const end = start + part.length;
    let piece = '';
    let at = 0;
    for (const mark of marksIn(marks, start, end)) {
      piece += part.slice(at, mark.start) + marked(mark.kind, part.slice(mark.start, mark.end));
      at = mark.end;
    }
    pieces.push(piece + part.slice(at));
    start = end + separator.length;
  }
  return pieces;
};
