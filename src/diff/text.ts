import { diffWords } from 'diff';

/** A run of text that both versions share, or that only the older (removed) or newer (added) one has. */
export type TextSegment = { readonly kind: 'same' | 'added' | 'removed'; readonly text: string };

// Japanese has no spaces between words: Intl.Segmenter's dictionary finds the word boundaries diffWords needs.
const segmenter = new Intl.Segmenter('ja', { granularity: 'word' });

/**
 * Word-level differences of two texts for reviewers (the UI highlights them). Joining the `same` and
 * `removed` segments gives the older text back, `same` and `added` the newer one.
 */
export const textDiff = (before: string, after: string): TextSegment[] =>
  diffWords(before, after, { intlSegmenter: segmenter }).map((part) => ({
    kind: part.added ? 'added' : part.removed ? 'removed' : 'same',
    text: part.value,
  }));
