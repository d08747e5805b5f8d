import { diffWordsWithSpace } from 'diff';

/** A run of text that both versions share, or that only the older (removed) or newer (added) one has. */
export type TextSegment = { readonly kind: 'same' | 'added' | 'removed'; readonly text: string };

// Japanese has no spaces between words: Intl.Segmenter's dictionary finds the word boundaries diffWords needs.
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

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

/**
 * Word-level differences of two texts for reviewers (the UI highlights them). Joining the `same` and
 * `removed` segments gives the older text back, `same` and `added` the newer one.
 */
export const textDiff = (before: string, after: string): TextSegment[] => {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }];
  // With spaces: a full-width space added or removed is a change of its own, never folded into a `same` run.
  const parts =
    before.length + after.length <= MAX_DIFF_CHARS
      ? diffWordsWithSpace(before, after, { intlSegmenter: segmenter, maxEditLength: MAX_EDITS })
      : undefined;
  if (!parts) return wholeChange(before, after);
  return parts.map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
};
