/** Public API of the diff: pure functions from two revisions to the 変更箇所 table (the only importer of `diff`). */
export { computeChanges, type ChangeCandidate, type ChangeKind } from './changes.js';
export { citationLine, citeItem, citePointer, type CitationContext } from './citation.js';
export { applyException, keepConfirmed, mergeRows, proposeRows, proposedTiming, timingWarning } from './rows.js';
export { cumulativeChangeRows } from './appendix.js';
export { textDiff, type TextSegment } from './text.js';
export { changeColumnTitles, type ChangeColumn } from './columns.js';
