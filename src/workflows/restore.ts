/** 「この版の記載に戻す」 without the editor (`pia restore`): one item or group entry of a revision taken back into the draft. */
import { AppError } from '../errors.js';
import { labelAt, restoreItem, type IncomingChange } from '../merge/index.js';
import { WORKFLOW_MESSAGES_JA as M, fillMessage } from '../messages.ja.js';
import { formName, formRoot, nodeAt, valueAtPointer } from '../schema/index.js';
import type { Workflow } from './context.js';
import { saveDraftMerging, type DraftConflict } from './draft-merge.js';
import { requireForm } from './drafts.js';

export type RestoreOutcome =
  /** The draft already reads as the revision there: nothing was written. */
  | { readonly kind: 'unchanged'; readonly label: string }
  | { readonly kind: 'restored'; readonly label: string; readonly etag: string; readonly incoming: readonly IncomingChange[] }
  /** Someone saved a different value of the same items after the read: nothing was written. */
  | ({ readonly kind: 'conflict'; readonly label: string } & DraftConflict);

const refuse = (message: string, pointer: string): AppError => new AppError('INVALID_REQUEST', message, { pointer });

/**
 * Take the item or group entry at `pointer` back as revision n has it, everything else of the draft kept, and
 * write it with the merge-aware write. The pointer names the place in the draft; a place the draft no longer has
 * (a deleted entry) is looked up in the revision. Refused: a pointer that is not an item of the form, and a place
 * neither version has.
 */
export const restoreFromRevision = async (workflow: Workflow, pointer: string, n: number): Promise<RestoreOutcome> => {
  if (!pointer.startsWith('/')) throw refuse(fillMessage(M.restorePointer, { pointer: pointer.slice(0, 200) }), pointer);
  const draft = await workflow.store.readDraft();
  const form = requireForm(draft);
  if (!nodeAt(formRoot(form), pointer)) {
    throw refuse(fillMessage(M.restoreNotAnItem, { pointer: pointer.slice(0, 200), form: formName(form) }), pointer);
  }
  const revision = await workflow.store.readRevision(n);
  const inRevision = valueAtPointer(revision.data, pointer) !== undefined;
  if (!inRevision && valueAtPointer(draft.data, pointer) === undefined) {
    throw refuse(fillMessage(M.restoreNowhere, { pointer, label: labelAt(form, pointer, draft.data), number: n }), pointer);
  }
  let restored = restoreItem(form, draft.data, revision.data, pointer);
  let named = draft.data;
  if (!restored && inRevision) {
    restored = restoreItem(form, draft.data, revision.data, pointer, revision.data);
    named = revision.data;
  }
  const label = labelAt(form, pointer, named);
  if (!restored) return { kind: 'unchanged', label };
  const saved = await saveDraftMerging(workflow, draft, restored);
  if (saved.status === 'conflict') return { kind: 'conflict', label, conflicts: saved.conflicts, theirs: saved.theirs };
  return { kind: 'restored', label, etag: saved.etag, incoming: saved.incoming };
};
