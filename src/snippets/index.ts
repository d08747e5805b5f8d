/**
 * Public API of the standard texts (標準文): pure functions over a library of versioned passages and the assessments
 * that use them. The library is read by the store (`readSnippetLibrary`); nothing here touches the disk.
 */
export { createLibrary, libraryIssues, snippetFor, type Snippet, type SnippetLibrary, type SnippetLibraryIssue, type SnippetRef } from './library.js';
export { hashText } from './hash.js';
export { SNIPPET_MESSAGES_JA } from './messages.ja.js';
export { locateUses, snippetUsesOf, type LocatedUse, type SnippetUse, type Span, type UseState } from './uses.js';
export { insertSnippet, type InsertResult, type InsertTarget } from './insert.js';
export {
  assessmentsToUpdate,
  outdatedUses,
  summarizeRows,
  updateSnippets,
  updateSnippetsInAll,
  type AssessmentToUpdate,
  type OutdatedUse,
  type SnippetUpdateOptions,
  type SnippetUpdateResult,
  type SpanConflict,
  type SpanUpdate,
} from './update.js';
export { applySpanChoices, type SpanChoice, type SpanKept } from './choices.js';
export { recordRowSummaries, rowSummariesOf, withRowSummaries, type RowSummary } from './row-summaries.js';
export { findOutdatedReferences, type OutdatedReference } from './references.js';
export { describeUses, libraryEntries, libraryEntry, type LibraryEntry, type UseView } from './views.js';
export { itemPathIn } from './pointer.js';
