/**
 * The merge-aware write of a draft. A writer reads the draft, changes it and writes it back; when someone saved in
 * between (the editor's server, another `pia`), the two are merged item by item (src/merge) instead of the write
 * failing, and only items both changed to different values stop it. Every writer of a draft that is not the
 * editor's plain compare-and-swap goes through `saveDraftMerging`: pia format, pia acknowledge, pia restore, pia
 * migrate and pia snippet insert/update (`saveChange`), and the editor's save when it asks the server to merge
 * (`saveDraftOver`).
 */
import { AppError, isAppError } from '../errors.js';
import {
  SaveRefusedError,
  merge3,
  saveMerging,
  type Doc,
  type IncomingChange,
  type MergeConflict,
  type SaveAttempt,
  type StoredVersion,
} from '../merge/index.js';
import { API_MESSAGES_JA, STORE_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { isFormId, type FormId, type ValidationIssue } from '../schema/index.js';
import type { SavedDraft } from '../store/index.js';
import type { Workflow } from './context.js';
import { saveInGroup } from './group-save.js';

/** Items both changed to different values: nothing was written. `theirs` is the version on disk. */
export type DraftConflict = { readonly conflicts: readonly MergeConflict[]; readonly theirs: StoredVersion };

export type DraftWrite =
  | {
      readonly status: 'saved';
      readonly etag: string;
      readonly issues: readonly ValidationIssue[];
      /** What was written: the writer's data, or its merge with the version saved meanwhile. */
      readonly data: Doc;
      /** Items that came in from the version saved meanwhile (empty when the draft had not moved). */
      readonly incoming: readonly IncomingChange[];
    }
  | ({ readonly status: 'conflict' } & DraftConflict);

export type DraftMergeOptions = {
  /** Give up (ASSESSMENT_BUSY) after this many writes refused in a row; only a writer without the lock (a text editor) can refuse one. */
  readonly maxAttempts?: number;
  readonly wait?: (ms: number) => Promise<void>;
};

/** The version on disk a REVISION_CONFLICT carries, when the file on disk still parses. */
const versionOnDisk = (error: unknown): StoredVersion | undefined => {
  if (!isAppError(error) || error.code !== 'REVISION_CONFLICT') return undefined;
  const { etag, data } = error.details as { etag?: unknown; data?: unknown };
  return typeof etag === 'string' && typeof data === 'object' && data !== null ? { etag, data: data as Doc } : undefined;
};

/**
 * One attempt: merged onto the draft on disk while holding the assessment's write lock (with the other saves
 * waiting at that moment, group-save.ts), so no other writer of this tool can come between the merge and the write.
 * What came in is worked out after the lock is let go.
 */
const lockedPut = (workflow: Workflow, form: FormId, onSaved: (saved: SavedDraft) => void) =>
  async (data: Doc, base: StoredVersion): Promise<SaveAttempt> => {
    let outcome;
    try {
      outcome = await saveInGroup(workflow.store, form, data, base);
    } catch (error) {
      // Refused right before the rename: a program that takes no lock replaced the file.
      const current = versionOnDisk(error);
      if (current) return { saved: false, current };
      throw error;
    }
    const { final, saved } = outcome;
    if (!saved) return { saved: false, current: final };
    onSaved(saved);
    if (final.data === data) return { saved: true, etag: final.etag };
    return { saved: true, etag: final.etag, merged: { data: final.data, incoming: merge3(form, base.data, data, final.data).incoming } };
  };

const formOf = (workflow: Workflow, data: Doc): FormId => {
  const form = data['form'];
  if (isFormId(form)) return form;
  throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id: workflow.store.id }), { id: workflow.store.id });
};

/**
 * Write `mine`, made from `base` (the version the writer read): at once if the draft is still `base`, else merged
 * three-way with the version on disk (base, mine, theirs) and that merge written, with the same compare-and-swap as
 * saveDraft. A real conflict writes nothing and lists the items. The one merge-aware draft write of the workflows.
 */
export const saveDraftMerging = async (
  workflow: Workflow,
  base: StoredVersion,
  mine: Doc,
  options: DraftMergeOptions = {},
): Promise<DraftWrite> => {
  const form = formOf(workflow, mine);
  let issues: readonly ValidationIssue[] = [];
  const incoming: IncomingChange[] = [];
  let local = mine;
  try {
    const outcome = await saveMerging({
      form,
      base,
      local: () => local,
      put: lockedPut(workflow, form, (saved) => (issues = saved.issues)),
      onMerged: (merge) => {
        incoming.push(...merge.incoming);
        local = merge.merged;
      },
      ...options,
    });
    if (outcome.status === 'conflict') return { status: 'conflict', conflicts: outcome.merge.conflicts, theirs: outcome.theirs };
    return { status: 'saved', etag: outcome.etag, issues, data: outcome.data, incoming };
  } catch (error) {
    if (!(error instanceof SaveRefusedError)) throw error;
    throw new AppError('ASSESSMENT_BUSY', fillMessage(STORE_MESSAGES_JA.busy, { id: workflow.store.id }), { file: workflow.store.file }, { cause: error });
  }
};
