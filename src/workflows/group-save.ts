/**
 * Group commit of merging saves. Saves of one draft that arrive while it is being written wait together and are
 * then written as one: under the assessment's write lock each is merged in turn onto the version on disk, as if
 * they had been written one after another, and the result is printed and flushed once for all of them. With many
 * editors saving at once, a save then costs one merge instead of a turn at the file each.
 */
import { merge3, type Doc, type StoredVersion } from '../merge/index.js';
import type { FormId } from '../schema/index.js';
import type { AssessmentStore, SavedDraft, StoreWriter } from '../store/index.js';

/** What the group write did for one save: in `final` (saved), or left out because it conflicts with it. */
export type GroupSaved = { readonly final: StoredVersion; readonly saved?: SavedDraft };

type Waiting = {
  readonly form: FormId;
  readonly data: Doc;
  readonly base: StoredVersion;
  readonly resolve: (outcome: GroupSaved) => void;
  readonly reject: (error: unknown) => void;
};

/** The saves waiting for the next group write, by store (one store object per assessment file). */
const waiting = new WeakMap<AssessmentStore, Waiting[]>();

const writeGroup = async (writer: StoreWriter, group: readonly Waiting[]): Promise<void> => {
  const current = await writer.currentVersion();
  let running = current.data;
  const accepted = new Set<Waiting>();
  for (const save of group) {
    const merge = merge3(save.form, save.base.data, save.data, running);
    if (merge.conflicts.length > 0) continue;
    running = merge.merged;
    accepted.add(save);
  }
  if (accepted.size === 0) {
    for (const save of group) save.resolve({ final: current });
    return;
  }
  const saved = await writer.saveDraft(running, current.etag);
  const final = { etag: saved.etag, data: running };
  for (const save of group) save.resolve(accepted.has(save) ? { final, saved } : { final });
};

const runGroup = async (store: AssessmentStore, queue: Waiting[]): Promise<void> => {
  try {
    await store.transact(async (writer) => {
      // Saves arriving from now on form the next group, which waits for this lock.
      waiting.delete(store);
      await writeGroup(writer, queue);
    });
  } catch (error) {
    if (waiting.get(store) === queue) waiting.delete(store);
    for (const save of queue) save.reject(error);
  }
};

/**
 * Write `data`, made from `base`, merged onto the draft on disk together with the other saves of this draft
 * waiting at the same time: saved as part of `final`, or (items changed differently by the version on disk or by
 * a save of the same group) not saved, `final` being the version on disk then. One merge per save under the lock.
 */
export const saveInGroup = (store: AssessmentStore, form: FormId, data: Doc, base: StoredVersion): Promise<GroupSaved> =>
  new Promise((resolve, reject) => {
    const save = { form, data, base, resolve, reject };
    const queue = waiting.get(store);
    if (queue) {
      queue.push(save);
      return;
    }
    const started = [save];
    waiting.set(store, started);
    void runGroup(store, started);
  });
