/**
 * Public API of the 非公表 parts (rules.md §8): locating the document's flags in its text, adding and removing them,
 * and the 公表版 of a document and of its 変更箇所 rows. Pure, so the checks, the workflows and the editor share it.
 */
export {
  CONTEXT_LENGTH,
  WITHHELD_POINTER,
  inWithholdableArea,
  isFreeTextNode,
  isWithheldEntry,
  locateWithheld,
  printedNodeAt,
  spanEntry,
  spanPointerAllowed,
  valueHash,
  wholeEntry,
  withheldEntriesOf,
  withholdsWholeItem,
  type LocatedWithheld,
  type Span,
  type WithheldEntry,
} from './locate.js';
export {
  isWithheldValue,
  leaksOf,
  markerOf,
  publicVersion,
  withholdInRow,
  withholdTexts,
  type Leak,
  type PublicVersion,
} from './public-version.js';
export { withWithheld, withoutWithheld } from './edit.js';
