/**
 * Public API of the three-way merge (pure; the UI imports it): merging two concurrent edits of an assessment
 * item by item, the items that differ between two versions, and restoring an item from another version.
 */
export { merge3, type IncomingChange, type MergeConflict, type MergeOptions, type MergeResult } from './merge3.js';
export type { ConflictKind, Side } from './walk.js';
export { changedItems, type ItemChange, type ItemChangeKind } from './changed-items.js';
export { same, type Doc } from './values.js';
export { restoreItem } from './restore.js';
export { labelAt } from './label.js';
export { SaveRefusedError, retryPause, saveMerging, type MergingSave, type MergingSaveOutcome, type SaveAttempt, type StoredVersion } from './save-merging.js';
export { applyPatch, patchBetween, type PatchFault, type PatchOperation, type PatchOutcome } from './patch.js';
