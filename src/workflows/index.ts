/**
 * Public API of the use cases: everything the CLI and the HTTP API do with assessments, written once as functions
 * of a store (src/store) and a clock. Pure apart from the store it is given: no HTTP, no file system, no output.
 * Front ends translate arguments and results only.
 */
export { fixedClock, systemClock, type Clock } from './clock.js';
export { snippetLibraryOf, type Workflow } from './context.js';
export {
  baseIdFor,
  blankAssessment,
  createAssessmentAt,
  createAssessmentIn,
  createWithFreshId,
  resolveFormRevision,
  type NewAssessment,
} from './create.js';
export {
  acknowledgeWarning,
  checkDraft,
  formatDraft,
  openDraft,
  readDraft,
  requireForm,
  saveDraft,
  saveDraftOver,
  type AcknowledgeOutcome,
  type MergedSave,
} from './drafts.js';
export { refuseRevisionEdit, saveDraftDelta } from './delta-save.js';
export { saveDraftMerging, type DraftConflict, type DraftMergeOptions, type DraftWrite } from './draft-merge.js';
export { restoreFromRevision, type RestoreOutcome } from './restore.js';
export { changeDateWarnings, defaultChangeDate } from './change-dates.js';
export {
  commitRevision,
  defaultKind,
  listRevisions,
  planCommit,
  readRevision,
  type CommitPlan,
  type CommitRequest,
  type CommitResult,
} from './revisions.js';
export type { RevisionView } from './record.js';
export { compareVersions, saveRevisionRows, type Comparison, type RowsSource } from './rows.js';
export { setRevisionStatus, type StatusRequest } from './status.js';
export {
  STATE_RULES,
  TRANSITIONS,
  kindOf,
  phaseOf,
  rolesInto,
  transitionsFrom,
  type Guard,
  type StateRules,
  type Transition,
  type TransitionContext,
} from './revision-states.js';
export { fieldsFor, type StepField } from './step-records.js';
export { recordTermination, type TerminationRequest } from './termination.js';
export { PROCEDURE_MESSAGES_JA, STEP_FIELD_LABELS_JA } from './messages.ja.js';
export { printSource, type PrintSource } from './print.js';
export {
  copyAssessmentIn,
  copyAssessmentTo,
  migrateDraft,
  previewCopy,
  previewMigration,
  type CopyPreview,
  type CopyRequest,
  type MigrationOutcome,
} from './reuse.js';
export {
  addStandardText,
  insertStandardText,
  listStandardTexts,
  previewStandardTextUpdate,
  readStandardText,
  standardTextUpdates,
  standardTextUses,
  updateStandardTexts,
  type InsertOutcome,
  type InsertRequest,
  type LibraryView,
  type OutdatedAssessment,
  type UpdateOutcome,
  type UpdateRequest,
} from './standard-texts.js';
export {
  STAMP_KEYS,
  printVariant,
  publicationSource,
  publishRevision,
  redlineRequest,
  sha256Hex,
  sourceFileName,
  variantName,
  verifyPdf,
  type BundleFile,
  type BundleManifest,
  type PublicationTools,
  type RenderRequest,
  type Variant,
  type Verification,
  type VerifySource,
} from './publication.js';
export { listWithheld, removeWithheld, withholdInDraft, type WithholdRequest } from './withheld.js';
