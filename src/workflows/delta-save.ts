/**
 * The editor's delta save: the changes made since the version it holds (JSON Patch, src/merge/patch.ts) instead of
 * the whole draft. The patch is applied to that version as this server holds it, and the result goes through the
 * very save a whole draft goes through (saveDraft / saveDraftOver): compare-and-swap on the etag, merge with a
 * version saved meanwhile, size and nesting limits, validation, atomic write. So a delta writes the bytes the
 * whole-document save of the same data writes, and every rule of that save holds.
 */
import { AppError } from '../errors.js';
import { applyPatch } from '../merge/index.js';
import { API_MESSAGES_JA, PATCH_FAULTS_JA, WORKFLOW_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { Workflow } from './context.js';
import { saveDraft, saveDraftOver, type MergedSave } from './drafts.js';

const conflictWith = (workflow: Workflow, current: { etag: string; data: Record<string, unknown> }): AppError =>
  new AppError('REVISION_CONFLICT', fillMessage(API_MESSAGES_JA.saveConflict, { id: workflow.store.id }), { ...current });

/**
 * The content of the version `etag` names: kept in memory since it was read or written, else the draft on disk
 * when it is still that version (after a restart). A version neither holds is REVISION_CONFLICT with the version
 * on disk, as a stale whole save gets: the editor merges and sends its changes against that one.
 */
const baseOf = async (workflow: Workflow, etag: string): Promise<Record<string, unknown>> => {
  const kept = workflow.store.recentVersion(etag);
  if (kept) return kept;
  const current = await workflow.store.currentVersion();
  if (current.etag !== etag) throw conflictWith(workflow, current);
  return current.data;
};

/**
 * Save `operations` made on the version `ifMatch` names. With `merge`, a version saved meanwhile is merged in as
 * saveDraftOver does; without, it is the plain compare-and-swap of saveDraft. Operations that do not fit that
 * version are PATCH_INVALID and nothing is written.
 */
export const saveDraftDelta = async (
  workflow: Workflow,
  operations: readonly unknown[],
  ifMatch: string,
  merge: boolean,
): Promise<MergedSave> => {
  const base = await baseOf(workflow, ifMatch);
  const applied = applyPatch(base, operations);
  if (!applied.ok) {
    const { index, path, fault } = applied;
    const message = fillMessage(API_MESSAGES_JA.patchInvalid, {
      id: workflow.store.id,
      index: index + 1,
      path: path.slice(0, 200),
      reason: PATCH_FAULTS_JA[fault],
    });
    throw new AppError('PATCH_INVALID', message, {
      index,
      path: path.slice(0, 200),
      fault,
    });
  }
  return merge ? saveDraftOver(workflow, applied.data, ifMatch) : saveDraft(workflow, applied.data, ifMatch);
};

/**
 * A change sent for a committed revision's content: never made (a revision is rewritten by nothing; its rows have
 * their own route). REVISION_NOT_FOUND for a revision that does not exist, else REVISION_FROZEN.
 */
export const refuseRevisionEdit = async ({ store }: Workflow, n: number): Promise<never> => {
  await store.readRevision(n);
  throw new AppError('REVISION_FROZEN', fillMessage(WORKFLOW_MESSAGES_JA.contentFrozen, { number: n }), { revision: n });
};
