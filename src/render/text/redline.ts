/**
 * A reviewer's copy (redline): the newer version's text with what changed since an older version marked in it,
 * word by word (the diff module's `textDiff`): runs only the newer text has are inserted, runs only the older one
 * had are deleted. The marks travel inside the text (render/layout/marks.ts) to the layout, which draws them.
 */
import { sequenceEdits, splitText, textDiff } from '../../diff/index.js';
import { marked, splitMarked } from '../layout/marks.js';
import type { MarkKind } from '../layout/types.js';
import { isRecord } from './value-views.js';

const mergeWords = (before: string, after: string): string =>
  textDiff(before, after)
    .map((segment) => (segment.kind === 'same' ? segment.text : marked(segment.kind === 'added' ? 'ins' : 'del', segment.text)))
    .join('');

/**
 * The newer text with the changes since the older one marked; the newer text itself when nothing changed. Texts
 * of several lines are aligned line by line first, so a line added or removed reads as that whole line, and only
 * lines changed in place are compared word by word.
 */
export const mergeText = (before: string, after: string): string => {
  if (before === after) return after;
  if (!before.includes('\n') && !after.includes('\n')) return mergeWords(before, after);
  const olds = splitText(before, 'line');
  const news = splitText(after, 'line');
  let merged = '';
  let at = 0;
  for (const edit of sequenceEdits(olds, news)) {
    merged += olds.slice(at, edit.from).join('');
    const removed = olds.slice(edit.from, edit.to);
    merged +=
      removed.length === edit.insert.length
        ? removed.map((line, index) => mergeWords(line, edit.insert[index]!)).join('')
        : marked('del', removed.join('')) + marked('ins', edit.insert.join(''));
    at = edit.to;
  }
  return merged + olds.slice(at).join('');
};

/** Printed lines merged as one text, so a change that moves text across lines reads as one change. */
export const mergeLines = (before: readonly string[], after: readonly string[]): string[] => {
  const old = before.join('\n');
  const now = after.join('\n');
  return old === now ? [...after] : splitMarked(mergeText(old, now), '\n');
};

/** The whole text in one kind of mark (a row or an entry only one version has). */
export const markedAll = (kind: MarkKind, text: string): string => splitMarked(text, '\n').map((line) => marked(kind, line)).join('\n');

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** Keys whose values name things rather than print text: the newer version's, never merged. */
const NAMES = new Set(['id', 'file']);

/**
 * Any part of two versions merged for printing: texts merged, lists of texts merged as lines, entries merged by
 * position, an entry or key only the older version has kept with its texts deleted. A deleted entry's image is
 * dropped (its text alternative prints, struck through): only the newer version's images are at hand.
 */
export const mergeValue = (before: unknown, after: unknown): unknown => {
  const oldText = textOf(before);
  const newText = textOf(after);
  if (oldText !== undefined || newText !== undefined) {
    if ((oldText === undefined && before !== null && before !== undefined) || (newText === undefined && after !== null && after !== undefined)) return after;
    return mergeText(oldText ?? '', newText ?? '');
  }
  if (Array.isArray(before) || Array.isArray(after)) {
    const olds = Array.isArray(before) ? before : [];
    const news = Array.isArray(after) ? after : [];
    if ([...olds, ...news].every((item) => typeof item === 'string')) return mergeLines(olds as string[], news as string[]);
    return Array.from({ length: Math.max(olds.length, news.length) }, (_, index) => mergeValue(olds[index], news[index]));
  }
  if (isRecord(before) || isRecord(after)) {
    const old = isRecord(before) ? before : {};
    const now = isRecord(after) ? after : {};
    const keys = [...new Set([...Object.keys(now), ...Object.keys(old)])];
    return Object.fromEntries(
      keys.map((key) => {
        if (!NAMES.has(key)) return [key, mergeValue(old[key], now[key])];
        return [key, isRecord(after) ? now[key] : key === 'file' ? null : old[key]];
      }),
    );
  }
  return after ?? before;
};
