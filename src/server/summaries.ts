/**
 * The list page's rows, kept in memory for the whole portfolio so that a list, a search or a filter costs no file
 * access at all: 10,000 assessments are listed in milliseconds. The index follows the disk:
 * - each row is kept with its stamp (the draft's inode, mtime and size, and the revisions folder's mtime), and a
 *   row is read again (parsed, validated) only when its stamp changed;
 * - the file system reports which assessments changed (store watch.ts: inotify), whoever changed them — the
 *   editor, `pia`, a text editor, a copy — and only those are stat'ed at the next list; an assessment that
 *   could not be watched is stat'ed at every list;
 * - the rows are saved beside the assessments (`.pia-summaries.json`) so that a restarted server lists a large
 *   portfolio at once, and checks the folder in the background, re-reading only the drafts whose stamp moved while
 *   it was down. The first listing of a folder without saved rows answers with the rows read so far and the
 *   number still to read (`pending`).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { isAppError } from '../errors.js';
import { formName, formSchema, FORM_IDS } from '../schema/index.js';
import { etagOf, type Draft, type DraftStamp, type DraftWatch, type Library } from '../store/index.js';
import { kindOf, phaseOf } from '../workflows/index.js';
import type { AssessmentSummary, ListAssessmentsQuery } from './dto.js';

type Cached = { version: string; summary: AssessmentSummary | undefined };
/** Reading is I/O plus CPU-bound parsing; a few at a time keeps memory flat when a folder is first listed. */
const PARALLEL_READS = 4;
const CACHE_NAME = 'summaries';
/** Saving the rows waits for a quiet moment: a burst of saves writes the file once. */
const SAVE_DELAY_MS = 2000;
/** How long a list waits for the check of the folder after a start before it answers with what it has. */
const FIRST_CHECK_WAIT_MS = 10_000;
/**
 * Rows depend on the schemas (issue counts, form names) and on what a row holds: saved rows of another version
 * are not used. Bump ROW_FORMAT when AssessmentSummary changes.
 */
const ROW_FORMAT = 2;
const fingerprint = (): string => `${ROW_FORMAT}:${etagOf(JSON.stringify(FORM_IDS.map(formSchema)))}`;

const coverText = (data: Record<string, unknown>, key: string): string => {
  const cover = data['cover'];
  const value = typeof cover === 'object' && cover !== null ? (cover as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : '';
};

type RevisionState = Pick<AssessmentSummary, 'status' | 'phase' | 'revisionCount'>;

/** The newest revision's status and phase (read from headers and status logs, never content) and the count. */
const revisionState = async (library: Library, id: string): Promise<RevisionState> => {
  const revisions = await library.assessment(id).listRevisions();
  const newest = revisions.at(-1);
  return {
    revisionCount: revisions.length,
    status: newest?.status ?? 'draft',
    phase: newest ? phaseOf(kindOf(newest, revisions), newest.status) : null,
  };
};

const summarize = (draft: Draft, stamp: DraftStamp, revisions: RevisionState): AssessmentSummary | undefined => {
  if (!draft.form) return undefined;
  return {
    id: draft.id,
    form: draft.form,
    formName: formName(draft.form),
    title: coverText(draft.data, 'title'),
    organization: coverText(draft.data, 'organization'),
    updatedAt: stamp.updatedAt.toISOString(),
    issueCount: draft.issues.length,
    ...revisions,
  };
};

/** Full-width and half-width letters match each other, and case does not matter. */
const normalize = (text: string): string => text.normalize('NFKC').toLocaleLowerCase('ja');

/** What a search looks in, normalized once per row rather than once per row and request. */
const searchTexts = new WeakMap<AssessmentSummary, readonly string[]>();
const searchTextsOf = (summary: AssessmentSummary): readonly string[] => {
  let texts = searchTexts.get(summary);
  if (!texts) searchTexts.set(summary, (texts = [normalize(summary.title), normalize(summary.organization)]));
  return texts;
};

const matches = (summary: AssessmentSummary, query: ListAssessmentsQuery, q: string): boolean => {
  if (query.form && summary.form !== query.form) return false;
  if (query.status && summary.status !== query.status) return false;
  return q === '' || searchTextsOf(summary).some((text) => text.includes(q));
};

type SavedRows = { format: string; rows: [id: string, version: string, summary: AssessmentSummary | null][] };

const isSavedRows = (value: unknown, format: string): value is SavedRows =>
  typeof value === 'object' && value !== null && (value as SavedRows).format === format && Array.isArray((value as SavedRows).rows);

export type SummaryIndex = {
  /**
   * The rows that match, and how many assessments are not read yet (while a large folder is first indexed).
   * `generation` changes whenever any row does: equal generations (and pending) mean equal rows for one query.
   */
  list: (query: ListAssessmentsQuery) => Promise<{ items: AssessmentSummary[]; pending: number; generation: number }>;
  /** Start now (at the server's start), so the first list is fast too. */
  warm: () => Promise<void>;
  /** Resolves when the whole folder has been checked once (tests, bench). */
  checked: () => Promise<void>;
  close: () => Promise<void>;
};

/**
 * `onUnreadable` hears of drafts that cannot be listed (YAML broken by hand, unknown form), which are left out
 * of the list rather than failing it.
 */
export const createSummaryIndex = (library: Library, onUnreadable: (id: string, code: string) => void): SummaryIndex => {
  const cache = new Map<string, Cached>();
  const changed = new Set<string>();
  let watch: DraftWatch | undefined;
  let started: Promise<void> | undefined;
  /** The background check of the whole folder that follows the start. */
  let checked: Promise<void> | undefined;
  let isSettled = false;
  let refreshing: Promise<void> = Promise.resolve();
  let saveTimer: NodeJS.Timeout | undefined;
  let dirty = false;
  let closed = false;
  /** The rows in id order, made again only after a row changed. */
  let sorted: AssessmentSummary[] | undefined;
  let generation = 0;
  const format = fingerprint();

  const save = async (): Promise<void> => {
    saveTimer = undefined;
    if (!dirty) return;
    dirty = false;
    const rows = [...cache].map(([id, { version, summary }]): SavedRows['rows'][number] => [id, version, summary ?? null]);
    // A data folder the server may not write to still lists; the rows are merely read again after a restart.
    await library.writeCache(CACHE_NAME, { format, rows } satisfies SavedRows).catch(() => undefined);
  };
  /** Every change of a row goes through here: the sorted rows are made again and the rows saved soon. */
  const changedRows = (): void => {
    sorted = undefined;
    generation += 1;
    dirty = true;
    if (!saveTimer && !closed) saveTimer = setTimeout(() => void save(), SAVE_DELAY_MS).unref();
  };
  const setRow = (id: string, row: Cached): void => {
    cache.set(id, row);
    changedRows();
  };
  const dropRow = (id: string): void => {
    if (cache.delete(id)) changedRows();
  };

  const summaryOf = async (stamp: DraftStamp): Promise<void> => {
    const cached = cache.get(stamp.id);
    if (cached?.version === stamp.version) return;
    try {
      const [draft, revisions] = await Promise.all([library.assessment(stamp.id).readDraft(), revisionState(library, stamp.id)]);
      const summary = summarize(draft, stamp, revisions);
      if (!summary) onUnreadable(stamp.id, 'UNKNOWN_FORM');
      setRow(stamp.id, { version: stamp.version, summary });
    } catch (error) {
      if (!isAppError(error)) throw error;
      // Remembered like a row, so a broken file is reported once per version, not on every listing.
      onUnreadable(stamp.id, error.code);
      setRow(stamp.id, { version: stamp.version, summary: undefined });
    }
  };

  const readAll = async (stamps: readonly DraftStamp[]): Promise<void> => {
    for (let i = 0; i < stamps.length; i += PARALLEL_READS) await Promise.all(stamps.slice(i, i + PARALLEL_READS).map(summaryOf));
  };

  /** Assessments found but not read yet: the first listing of a large folder reads them in the background. */
  const pending = new Set<string>();

  /** Every assessment of the folder stamped; rows whose stamp moved (or that are new) read again. */
  const rescan = async (): Promise<void> => {
    const stamps = await library.list();
    const present = new Set(stamps.map((stamp) => stamp.id));
    for (const id of [...cache.keys()]) if (!present.has(id)) dropRow(id);
    const stale = stamps.filter((stamp) => cache.get(stamp.id)?.version !== stamp.version);
    for (const stamp of stale) pending.add(stamp.id);
    for (let i = 0; i < stale.length; i += PARALLEL_READS) {
      const slice = stale.slice(i, i + PARALLEL_READS);
      await Promise.all(slice.map(summaryOf));
      for (const stamp of slice) pending.delete(stamp.id);
    }
  };

  /**
   * The rows saved by the last run are loaded, then the folder is checked in the background (stamps, new and
   * changed drafts read, every assessment watched). Lists wait for that check, but never longer than
   * FIRST_CHECK_WAIT_MS: the first indexing of a large folder answers with what is read so far.
   */
  const start = async (): Promise<void> => {
    const saved = await library.readCache(CACHE_NAME);
    if (isSavedRows(saved, format)) for (const [id, version, summary] of saved.rows) cache.set(id, { version, summary: summary ?? undefined });
    // Watch before listing: a change made while the folder is read is then reported, not lost.
    watch = library.watch((id) => changed.add(id));
    checked = (async () => {
      await rescan();
      isSettled = true;
      await watch.add([...cache.keys()]);
    })();
    checked.catch(() => undefined);
  };

  /** Re-read what the file system reported as changed (and what it cannot report on). */
  const refresh = async (): Promise<void> => {
    if (!watch?.watchesFolder) return rescan();
    const ids = [...changed, ...watch.unwatched];
    changed.clear();
    const stamps = await Promise.all(ids.map((id) => library.stamp(id).catch(() => undefined)));
    const fresh: DraftStamp[] = [];
    ids.forEach((id, index) => {
      const stamp = stamps[index];
      if (stamp) fresh.push(stamp);
      else dropRow(id);
    });
    const added = fresh.filter((stamp) => !cache.has(stamp.id)).map((stamp) => stamp.id);
    await readAll(fresh);
    await watch.add(added);
  };

  const ready = (): Promise<void> => (started ??= start());

  return {
    warm: ready,
    checked: async () => {
      await ready();
      await checked;
    },
    list: async (query) => {
      await ready();
      if (pending.size > 0 || !isSettled) await Promise.race([checked, sleep(FIRST_CHECK_WAIT_MS, undefined, { ref: false })]);
      // One refresh at a time; a list that comes during one waits for it and then looks again.
      refreshing = refreshing.then(refresh, refresh);
      await refreshing;
      const q = normalize(query.q?.trim() ?? '');
      sorted ??= [...cache.values()]
        .map((cached) => cached.summary)
        .filter((summary): summary is AssessmentSummary => summary !== undefined)
        .sort((a, b) => a.id.localeCompare(b.id));
      return { items: sorted.filter((summary) => matches(summary, query, q)), pending: pending.size, generation };
    },
    close: async () => {
      closed = true;
      watch?.close();
      if (saveTimer) clearTimeout(saveTimer);
      await started?.catch(() => undefined);
      await checked?.catch(() => undefined);
      await save();
    },
  };
};
