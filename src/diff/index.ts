/** Public API of the diff: pure functions from two revisions to the 変更箇所 table (the only importer of `diff`). */
export { computeChanges, type ChangeCandidate, type ChangeKind } from './changes.js';
export { citationLine, citeItem, citePointer, type CitationContext } from './citation.js';
export { applyException, keepConfirmed, mergeRows, proposeRows, proposedTiming, timingWarning } from './rows.js';
export { cumulativeChangeRows } from './appendix.js';
export { sequenceEdits, splitText, textDiff, type SequenceEdit, type TextSegment, type TextUnit } from './text.js';
export { entryIdOf, entryName, hasEntryIds, matchEntry, ownLineKeys } from './entries.js';
export { changeColumnTitles, type ChangeColumn } from './columns.js';
