/** Public API of the form model: pure functions over schemas/ and assessment data (the UI may import it). */
export { FORM_IDS, isFormId, formSchema, type FormId, type SchemaObject } from './documents.js';
export {
  childNode,
  choiceOptions,
  formRoot,
  isArrayNode,
  isObjectNode,
  joinPointer,
  keyword,
  nodeAt,
  resolveNode,
  splitPointer,
  typesOf,
  valueAtPointer,
  type ResolvedNode,
} from './resolve.js';
export { isImportant, itemLabel, itemPath, printedLabel, sectionHeading, titleOf, tocLabel, type FormRevision } from './labels.js';
export { formName, formRevisionOf, formRevisions, validateAssessment, validateAssessmentWithinLimits, type ValidationResult } from './validate.js';
export { MAX_ISSUES, type ValidationIssue } from './issues.js';
export { MAX_NESTING, MAX_VALUES, hasTooManyValues, ownValueCount, tooDeepAt } from './limits.js';
export { createSkeleton, emptyValueOf } from './skeleton.js';
export { boundLists } from './bounded-lists.js';
export { namedOption, nodeAtPointer, optionNumbers } from './options.js';
export { canonicalChoice, existsInRevision, optionsInRevision, type RevisionOption } from './revisions.js';
export { isTextItem, textItems, type TextItem } from './text-items.js';
export { snippetRoot, validateSnippet } from './snippet.js';
export { formatValue, outlineAssessment, type OutlineLine } from './outline.js';
export { firstYearStyleOf, printsUnusedSlots } from './print-settings.js';
