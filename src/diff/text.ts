import { diffArrays, wordsWithSpaceDiff } from 'diff';
import { tokenRuns } from './myers.js';

/** A run of text that both versions share, or that only the older (removed) or newer (added) one has. */
export type TextSegment = { readonly kind: 'same' | 'added' | 'removed'; readonly text: string };

// Japanese has no spaces between words: Intl.Segmenter's dictionary finds the word boundaries splitText's words need.
// Made on first use: loading the dictionary costs ~25 ms, which the editor's first screen (which diffs nothing)
// paid when this module was evaluated.
let wordSegmenter: Intl.Segmenter | undefined;
const segmenter = (): Intl.Segmenter => (wordSegmenter ??= new Intl.Segmenter('ja', { granularity: 'word' }));

/**
 * The diff's time grows with the texts' length times the number of edits: two long texts that differ throughout
 * took minutes. Past these bounds the texts are shown whole, as removed and added, which is what they are.
 */
const MAX_DIFF_CHARS = 100_000;
const MAX_EDITS = 2_000;

const wholeChange = (before: string, after: string): TextSegment[] => [
  ...(before === '' ? [] : [{ kind: 'removed' as const, text: before }]),
  ...(after === '' ? [] : [{ kind: 'added' as const, text: after }]),
];

/** The tokens jsdiff's diffWordsWithSpace compares: words, single marks and characters, runs of spaces, line breaks. */
const wordTokens = (text: string): string[] => wordsWithSpaceDiff.removeEmpty(wordsWithSpaceDiff.tokenize(text));

/**
 * Word-level differences of two texts for reviewers (the UI highlights them). Joining the `same` and
 * `removed` segments gives the older text back, `same` and `added` the newer one. The result is jsdiff's
 * diffWordsWithSpace's; its search runs in ./myers.ts, which is several times faster.
 */
export const textDiff = (before: string, after: string): TextSegment[] => {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  if (before.length + after.length > MAX_DIFF_CHARS) return wholeChange(before, after);
  // With spaces: a full-width space added or removed is a change of its own, never folded into a `same` run.
  const olds = wordTokens(before);
  const news = wordTokens(after);
  const runs = tokenRuns(olds, news, MAX_EDITS);
  if (!runs) return wholeChange(before, after);
  let oldPos = 0;
  let newPos = 0;
  return runs.map(({ kind, count }) => {
    const from = kind === 'removed' ? olds : news;
    const start = kind === 'removed' ? oldPos : newPos;
    if (kind !== 'added') oldPos += count;
    if (kind !== 'removed') newPos += count;
    return { kind, text: from.slice(start, start + count).join('') };
  });
};

/** How a text is cut for a three-way merge: whole lines first, words (Intl.Segmenter's) where lines collide. */
export type TextUnit = 'line' | 'word';

/** The text cut into lines (each with its line break) or words and spaces; joining the pieces gives the text back. */
export const splitText = (text: string, unit: TextUnit): string[] =>
  unit === 'line' ? (text.match(/[^\n]*\n|[^\n]+/g) ?? []) : [...segmenter().segment(text)].map((part) => part.segment);

/** One change of a sequence against its older version: `base[from, to)` replaced by `insert`. */
export type SequenceEdit = { readonly from: number; readonly to: number; readonly insert: readonly string[] };

/** The edits that turn `base` into `other`, in order and never overlapping (tokens compared with ===). */
export const sequenceEdits = (base: readonly string[], other: readonly string[]): SequenceEdit[] => {
  const edits: SequenceEdit[] = [];
  let position = 0;
  let open: { from: number; to: number; insert: string[] } | undefined;
  for (const part of diffArrays([...base], [...other])) {
    if (!part.added && !part.removed) {
      if (open) edits.push(open);
      open = undefined;
      position += part.count;
      continue;
    }
    open ??= { from: position, to: position, insert: [] };
    if (part.removed) {
      open.to += part.count;
      position += part.count;
    } else {
      open.insert.push(...part.value);
    }
  }
  if (open) edits.push(open);
  return edits;
};
