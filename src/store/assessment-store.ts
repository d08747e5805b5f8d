/**
 * One assessment on disk, as the workflows see it: its draft and its revisions. Reads are free; every write goes
 * through `transact`, which holds the folder's write lock (across processes), so the workflow's read-check-write
 * (compare-and-swap on an etag, a status step, a commit) cannot be overtaken by another writer.
 */
import type { Stats } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfirmedRow, StatusChange } from '../domain/revision.js';
import { writeFileAtomic, type WriteHooks } from './atomic-write.js';
import {
  DRAFT_FILE,
  assessmentDir,
  createAssessmentFolder,
  isAssessmentId,
  createDraftCache,
  createDraftFile,
  listDrafts,
  stampDraft,
  notFound,
  prepareDraftSave,
  readDraftFile,
  readDraftVersion,
  recallDraftVersion,
  writeDraftFile,
  type Draft,
  type DraftCache,
  type DraftStamp,
  type SavedDraft,
} from './drafts.js';
import { withFolderLock } from './folder-lock.js';
import { createLru } from './lru.js';
import { readImages } from './render-assets.js';
import {
  createRevisionCaches,
  revisionFiles,
  type FrozenRevision,
  type NewRevision,
  type RevisionCaches,
  type StoredRevision,
} from './revisions.js';
import { removeAbandonedTempFiles } from './temp-files.js';
import { watchDrafts, type DraftWatch } from './watch.js';

/** The writes of one assessment; only handed out inside `transact`, with the folder's write lock held. */
export type StoreWriter = {
  /** The etag and content of the draft on disk now, as AssessmentStore's, read under the lock. */
  currentVersion: () => Promise<{ etag: string; data: Record<string, unknown> }>;
  /** Replace the draft if it is still the version `expectedEtag`; REVISION_CONFLICT with the version on disk if not. */
  saveDraft: (data: Record<string, unknown>, expectedEtag: string) => Promise<SavedDraft>;
  /** Create revision `info.number` (one file: facts, starting rows and content). */
  commitRevision: (revision: NewRevision) => Promise<void>;
  /** Replace the confirmed rows of revision n. */
  saveRows: (n: number, rows: readonly ConfirmedRow[]) => Promise<void>;
  /** Append one entry to revision n's status log. */
  appendStatus: (n: number, change: StatusChange) => Promise<void>;
};

export type AssessmentStore = {
  /** The folder name, used in messages (評価書「id」). */
  readonly id: string;
  /** The draft file; messages name files by it. */
  readonly file: string;
  readDraft: () => Promise<Draft>;
  /** After a read by someone who will edit: make the first save as quick as the later ones (drafts.ts prepareDraftSave). */
  prepareSave: () => void;
  /**
   * The content of a version of the draft this store (or another of its library) read or wrote lately, by etag:
   * what a save made from that version is merged against. Undefined when it is no longer kept.
   */
  recentVersion: (etag: string) => Record<string, unknown> | undefined;
  /** The etag and content of the draft on disk now, unparsed when it is a version kept in memory (no issues). */
  currentVersion: () => Promise<{ etag: string; data: Record<string, unknown> }>;
  /** Create the draft; ASSESSMENT_EXISTS when the file is already there (never overwrites). */
  createDraft: (data: Record<string, unknown>) => Promise<void>;
  /** Oldest first, without their content; ASSESSMENT_NOT_FOUND when there is no draft. */
  listRevisions: () => Promise<StoredRevision[]>;
  readRevision: (n: number) => Promise<FrozenRevision>;
  /** Diagram images the document names, read from its folder. */
  readImages: (files: readonly string[]) => Promise<Map<string, Uint8Array>>;
  transact: <T>(work: (writer: StoreWriter) => Promise<T>) => Promise<T>;
};

/** `hooks` lets tests crash or race a write between its temp file and its rename. */
export type StoreOptions = { readonly hooks?: WriteHooks };
type Shared = { readonly drafts: DraftCache; readonly revisions: RevisionCaches };

const storeAt = (file: string, id: string, shared: Shared, options: StoreOptions): AssessmentStore => {
  const revisions = revisionFiles(file, shared.revisions);
  const requireDraft = async (): Promise<Stats> => {
    const info = await stat(file).catch(() => undefined);
    if (!info) throw notFound(id);
    // A folder or a device in the draft's place: the read's NOT_A_FILE (422), which says what is wrong, not a 404.
    if (!info.isFile()) await readDraftFile(file, id);
    return info;
  };
  /**
   * The writer of one transaction. `info`, the draft's stat taken once the lock was held, stands for the file
   * until the writer itself replaces it: no writer of this tool can change it meanwhile, and what a program that
   * takes no lock does is caught by the byte check before the rename (drafts.ts).
   */
  const writerOf = (info: Stats): StoreWriter => {
    let known: Stats | undefined = info;
    return {
      currentVersion: () => readDraftVersion(file, id, shared.drafts, known),
      saveDraft: (data, expectedEtag) => {
        const stamp = known;
        known = undefined;
        return writeDraftFile(file, id, data, expectedEtag, { cache: shared.drafts, hooks: options.hooks, stat: stamp });
      },
      commitRevision: (revision) => revisions.commit(revision, options.hooks),
      saveRows: (n, rows) => revisions.saveRows(n, rows, options.hooks),
      appendStatus: (n, change) => revisions.appendStatus(n, change, options.hooks),
    };
  };
  return {
    id,
    file,
    readDraft: () => readDraftFile(file, id, shared.drafts),
    prepareSave: () => prepareDraftSave(file, shared.drafts),
    recentVersion: (etag) => recallDraftVersion(shared.drafts, file, etag),
    currentVersion: () => readDraftVersion(file, id, shared.drafts),
    createDraft: (data) => createDraftFile(file, id, data),
    listRevisions: async () => {
      await requireDraft();
      return revisions.list();
    },
    readRevision: async (n) => {
      await requireDraft();
      return revisions.read(n);
    },
    readImages: (files) => readImages(file, files),
    transact: (work) =>
      withFolderLock(path.dirname(file), id, () => notFound(id), async () => work(writerOf(await requireDraft()))),
  };
};

/**
 * The assessment whose draft is `file` (any path: `pia` commands name files), after removing temp files a crash
 * left in its folder.
 */
export const openAssessmentFile = async (file: string, options: StoreOptions = {}): Promise<AssessmentStore> => {
  const dir = path.dirname(file);
  await removeAbandonedTempFiles([dir, path.join(dir, 'revisions')]);
  const shared = { drafts: createDraftCache(1, 2 * 1024 * 1024), revisions: createRevisionCaches() };
  return storeAt(file, path.basename(path.resolve(dir)), shared, options);
};

/** A data folder of assessments addressed by id (the server's): `<dataDir>/<id>/assessment.yaml`. */
export type Library = {
  readonly dataDir: string;
  /** The assessment with this id; INVALID_ID for an id that could name anything outside the data folder. */
  assessment: (id: string) => AssessmentStore;
  /** Create `<id>/` with its first draft; ASSESSMENT_EXISTS when the folder exists. */
  create: (id: string, data: Record<string, unknown>) => Promise<void>;
  /** Every draft with its version stamp, from directory entries and stat only. */
  list: () => Promise<DraftStamp[]>;
  /** One draft's version stamp; undefined when the folder holds no draft (or is gone). */
  stamp: (id: string) => Promise<DraftStamp | undefined>;
  /** Report the assessments that change on disk, whoever changes them (watch.ts). */
  watch: (onChange: (id: string) => void) => DraftWatch;
  /**
   * A cache file of the server's own (`<dataDir>/.pia-<name>.json`): what it keeps to start fast, derived from
   * the assessments and never part of the record. Undefined when missing or unreadable.
   */
  readCache: (name: string) => Promise<unknown>;
  writeCache: (name: string, value: unknown) => Promise<void>;
  /** Remove temp files crashes left in every assessment folder; returns how many. */
  removeAbandonedTempFiles: () => Promise<number>;
};

const cacheFile = (dataDir: string, name: string): string => {
  if (!/^[a-z-]+$/.test(name)) throw new Error(`bad cache name ${name}`);
  return path.join(dataDir, `.pia-${name}.json`);
};

export const openLibrary = (dataDir: string, options: StoreOptions = {}): Library => {
  const shared = { drafts: createDraftCache(), revisions: createRevisionCaches() };
  // Handles are cheap, but ids come from requests: only recently used ones are kept.
  const stores = createLru<string, AssessmentStore>(256);
  return {
    dataDir,
    assessment: (id) => {
      const dir = assessmentDir(dataDir, id);
      let store = stores.get(id);
      if (!store) stores.set(id, (store = storeAt(path.join(dir, DRAFT_FILE), id, shared, options)));
      return store;
    },
    create: (id, data) => createAssessmentFolder(dataDir, id, data),
    list: () => listDrafts(dataDir),
    stamp: (id) => stampDraft(dataDir, id),
    watch: (onChange) => watchDrafts(dataDir, onChange),
    readCache: async (name) => {
      try {
        return JSON.parse(await readFile(cacheFile(dataDir, name), 'utf8')) as unknown;
      } catch {
        return undefined;
      }
    },
    writeCache: async (name, value) => {
      await writeFileAtomic(cacheFile(dataDir, name), JSON.stringify(value));
    },
    removeAbandonedTempFiles: async () => {
      // Every folder, also one whose first draft a crash kept from being written.
      const entries = await readdir(dataDir, { withFileTypes: true }).catch(() => []);
      const ids = entries.filter((entry) => entry.isDirectory() && isAssessmentId(entry.name)).map((entry) => entry.name);
      const dirs = ids.flatMap((id) => [assessmentDir(dataDir, id), path.join(assessmentDir(dataDir, id), 'revisions')]);
      return removeAbandonedTempFiles(dirs);
    },
  };
};
