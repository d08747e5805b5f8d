import type { FormId } from '../schema/index.js';
import { merge3, type IncomingChange, type MergeResult } from './merge3.js';
import type { Doc } from './values.js';

/** The version on disk, as a refused save reports it. */
export type StoredVersion = { readonly etag: string; readonly data: Doc };

/**
 * What one compare-and-swap write did: saved (with the new etag), or refused because the file moved on. A writer
 * that merges on its side of the compare-and-swap (the server, holding the lock) may have saved a merge of the
 * data with the version it found: `merged` is then what it wrote and the items that came in.
 */
export type SaveAttempt =
  | { readonly saved: true; readonly etag: string; readonly merged?: { readonly data: Doc; readonly incoming: readonly IncomingChange[] } }
  | { readonly saved: false; readonly current: StoredVersion };

export type MergingSave = {
  readonly form: FormId;
  /** The version the local data was made from, and its etag. */
  readonly base: StoredVersion;
  /** The data to write now: read again before each attempt, so edits made while a request was on the way go too. */
  readonly local: () => Doc;
  /** One compare-and-swap write of `data` made from `base` (If-Match `base.etag`). */
  readonly put: (data: Doc, base: StoredVersion) => Promise<SaveAttempt>;
  /** A clean merge with the version on disk: the client adopts `merge.merged` as its data. */
  readonly onMerged: (merge: MergeResult, current: StoredVersion) => void;
  /** Give up after this many refused writes in a row (others keep winning the race); 50 by default. */
  readonly maxAttempts?: number;
  /** How to wait before a retry (tests pass their own); setTimeout by default. */
  readonly wait?: (ms: number) => Promise<void>;
};

/** Thrown when others kept winning the race `attempts` times in a row. */
export class SaveRefusedError extends Error {
  constructor(readonly attempts: number) {
    super(`save refused ${attempts} times in a row`);
    this.name = 'SaveRefusedError';
  }
}

/**
 * The pause before the next attempt after `refused` refusals in a row: none after the first (two people, one
 * merge, done), then a random pause doubling up to 2 s, so that many writers retrying at once spread out
 * instead of all colliding again, each refusal costing the server a read of the file.
 */
export const retryPause = (refused: number, random: () => number = Math.random): number =>
  refused <= 1 ? 0 : random() * Math.min(2000, 25 * 2 ** (refused - 1));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export type MergingSaveOutcome =
  | { readonly status: 'saved'; readonly data: Doc; readonly etag: string; readonly attempts: number }
  /** Items changed on both sides: nothing was written; merge again with the user's choices (merge3 options). */
  | { readonly status: 'conflict'; readonly merge: MergeResult; readonly base: Doc; readonly mine: Doc; readonly theirs: StoredVersion };

/**
 * The writer merged `sent` with the version it found and saved that: the client takes it over, with what it
 * edited while the request was on the way merged in (a conflict if someone else changed those very items).
 */
const takeOverMerge = (save: MergingSave, sent: Doc, stored: StoredVersion, incoming: readonly IncomingChange[], attempts: number): MergingSaveOutcome => {
  const now = save.local();
  const merge: MergeResult = now === sent ? { merged: stored.data, incoming, conflicts: [] } : merge3(save.form, sent, now, stored.data);
  if (merge.conflicts.length > 0) return { status: 'conflict', merge, base: sent, mine: now, theirs: stored };
  save.onMerged(merge, stored);
  return { status: 'saved', data: stored.data, etag: stored.etag, attempts };
};

/**
 * Save with compare-and-swap, merging instead of failing when the file moved on: on a refusal the local data is
 * merged three-way (base = the version it was made from, theirs = the version now on disk) and written again
 * over that version. Stops at the first real conflict, which the caller puts to the user. The same loop serves
 * the editor, the workflows' merge-aware write (saveDraftMerging) and the race harness (stress/merge.stress.mts).
 */
export const saveMerging = async (save: MergingSave): Promise<MergingSaveOutcome> => {
  let base = save.base;
  const maxAttempts = save.maxAttempts ?? 50;
  for (let attempt = 1; ; attempt += 1) {
    const data = save.local();
    const result = await save.put(data, base);
    if (result.saved && result.merged) {
      return takeOverMerge(save, data, { etag: result.etag, data: result.merged.data }, result.merged.incoming, attempt);
    }
    if (result.saved) return { status: 'saved', data, etag: result.etag, attempts: attempt };
    const mine = save.local();
    const merge = merge3(save.form, base.data, mine, result.current.data);
    if (merge.conflicts.length > 0) return { status: 'conflict', merge, base: base.data, mine, theirs: result.current };
    save.onMerged(merge, result.current);
    base = result.current;
    if (attempt >= maxAttempts) throw new SaveRefusedError(attempt);
    const pause = retryPause(attempt);
    if (pause > 0) await (save.wait ?? sleep)(pause);
  }
};
