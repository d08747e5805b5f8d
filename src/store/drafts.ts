/**
 * Drafts: `assessment.yaml` files, versioned by a hash of their bytes (the HTTP layer's ETag), so a save can refuse
 * to overwrite a version its author never saw. Saves run under the folder's write lock (assessment-store.ts); the
 * version is checked again right before the rename, against programs that take no lock (a text editor).
 */
import { createHash, webcrypto } from 'node:crypto';
import type { Stats } from 'node:fs';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Document } from 'yaml';
import { AppError, isAppError } from '../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import { isFormId, validateAssessmentWithinLimits, type FormId, type ValidationIssue } from '../schema/index.js';
import { FileExistsError, makeFolder, writeFailed, writeFileAtomic, writeFileExclusive, type WriteHooks } from './atomic-write.js';
import { issuesPlacedWhenRead, parseAssessment, readAssessmentBytes, type LoadedAssessment } from './load.js';
import { createLru, type Lru } from './lru.js';
import { fileHolds } from './regular-file.js';
import { parseYamlCached } from './yaml-cache.js';
import { checkSize, type ParsedYaml } from './yaml-parse.js';
import { isPrinted, printAssessment } from './yaml-write.js';

/** Folder names an assessment may have in a data folder: no separators, no dots, so an id never leaves it. */
export const ASSESSMENT_ID_PATTERN = '^[0-9A-Za-z][0-9A-Za-z_-]{0,80}$';
const ID_REGEX = new RegExp(ASSESSMENT_ID_PATTERN);
export const DRAFT_FILE = 'assessment.yaml';

/**
 * Folder names of a data folder that belong to the tool, never to an assessment: `snippets/` holds the standard-text
 * library (snippets.ts). Compared case-insensitively, so no file system can make them meet.
 */
export const RESERVED_IDS: readonly string[] = ['snippets'];
export const isReserved = (id: string): boolean => RESERVED_IDS.includes(id.toLowerCase());

export const isAssessmentId = (id: string): boolean => ID_REGEX.test(id) && !isReserved(id);

const reservedId = (id: string): AppError =>
  new AppError('INVALID_ID', fillMessage(API_MESSAGES_JA.reservedId, { id: id.slice(0, 100) }), { id: id.slice(0, 100), reserved: true });

export type Draft = LoadedAssessment & { readonly id: string; readonly etag: string };

/**
 * What identifies one version of an assessment without reading it: a save renames a new draft file in (new
 * inode), and every revision file is created or replaced by a rename in revisions/, which changes that folder's mtime.
 */
export type DraftStamp = { readonly id: string; readonly updatedAt: Date; readonly version: string };

/** The version tag of file bytes: a content hash, so equal bytes are the same version whoever wrote them. */
export const etagOf = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('base64url');

/** etagOf, computed in libuv's thread pool (WebCrypto's digest) instead of on the calling thread. */
const etagOfAsync = async (bytes: Uint8Array): Promise<string> =>
  Buffer.from(await webcrypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)).toString('base64url');

/** The folder of an assessment id in a data folder; refuses ids that could name anything else. */
export const assessmentDir = (dataDir: string, id: string): string => {
  const root = path.resolve(dataDir);
  const dir = path.resolve(root, id);
  // The pattern already excludes '..' and separators; checking the resolved parent too costs nothing.
  if (isReserved(id)) throw reservedId(id);
  if (!isAssessmentId(id) || path.dirname(dir) !== root) {
    throw new AppError('INVALID_ID', fillMessage(API_MESSAGES_JA.invalidId, { id: id.slice(0, 100) }));
  }
  return dir;
};

export const notFound = (id: string, cause?: unknown): AppError =>
  new AppError('ASSESSMENT_NOT_FOUND', fillMessage(API_MESSAGES_JA.assessmentNotFound, { id }), { id }, { cause });

const readDraftBytes = async (file: string, id: string): Promise<Buffer> => {
  try {
    return await readAssessmentBytes(file);
  } catch (error) {
    if (isAppError(error) && error.code === 'ASSESSMENT_NOT_FOUND') throw notFound(id, error);
    throw error;
  }
};

/**
 * What is kept of a draft between requests: parsing a 全項目評価書 takes tens of milliseconds, a stat well under
 * one. A parsed `draft` serves reads only while the file's stamp (inode, mtime, size; a save renames a new inode in)
 * is the `version` seen before reading it. `comments` is the document whose comments the next save carries over,
 * valid while the file's bytes are still `etag`: after a save, the document just printed, so no parse is needed.
 */
type CacheEntry = {
  readonly etag: string;
  /** The size of the file: what the entry is weighed by (its documents take several times that). */
  readonly bytes: number;
  /**
   * The file's bytes of version `etag`: bytes read again are that version when they are equal, which a compare
   * tells in a fraction of the time hashing them takes (a save reads the file two or three times).
   */
  readonly raw: Buffer;
  /**
   * Absent for a draft read: its document is parsed on first use (`draft.parsed.doc`), since a command that only
   * reads (`pia render`) never needs the comments, and the CLI's parse from its YAML cache has no tree yet.
   */
  readonly comments?: Document;
  readonly version?: string;
  readonly draft?: Draft;
};

/**
 * Drafts kept between requests, by file; and the content of the versions read or written lately, by file and etag,
 * so that a save made from a version the file has since moved past can be merged with the version on disk.
 */
export type DraftCache = { readonly files: Lru<string, CacheEntry>; readonly versions: Lru<string, KeptVersion> };
/** A version's content, weighed by the size of its file (its parsed form takes a few times that). */
type KeptVersion = { readonly data: Record<string, unknown>; readonly bytes: number };

/** Versions kept: 16 MB of files, enough for every editor of a busy assessment to have its base at hand. */
const VERSION_BYTES = 16 * 1024 * 1024;
/**
 * Drafts kept: 8 MB of files (~30 drafts the size of 001, ~2.5 MB of memory each with the printed document).
 * Weighed, not counted: with a count of 16, twenty editors saving twenty drafts evicted each other's entry, and
 * every save parsed its file again.
 */
const FILE_BYTES = 8 * 1024 * 1024;

export const createDraftCache = (fileBytes = FILE_BYTES, versionBytes = VERSION_BYTES): DraftCache => ({
  files: createLru(fileBytes, (entry) => entry.bytes),
  versions: createLru(versionBytes, (kept) => kept.bytes),
});

const versionKey = (file: string, etag: string): string => `${file}\n${etag}`;

/** The first content seen under an etag stays: the writer that saved it holds exactly that data. */
const rememberVersion = (cache: DraftCache | undefined, file: string, etag: string, data: Record<string, unknown>, bytes: number): void => {
  if (cache && !cache.versions.get(versionKey(file, etag))) cache.versions.set(versionKey(file, etag), { data, bytes });
};

/** The content of a version of the draft read or written lately through `cache`, undefined when not kept. */
export const recallDraftVersion = (cache: DraftCache, file: string, etag: string): Record<string, unknown> | undefined =>
  cache.versions.get(versionKey(file, etag))?.data;

/** The etag of bytes read from `file`, without hashing them when they are the version `cache` holds. */
const etagOfRead = (cache: DraftCache | undefined, file: string, bytes: Buffer): string => {
  const entry = cache?.files.get(file);
  return entry && entry.raw.equals(bytes) ? entry.etag : etagOf(bytes);
};

const stampOf = (info: { ino: number; mtimeMs: number; size: number }): string =>
  `${info.ino}:${info.mtimeMs}:${info.size}`;

const parseDraft = (file: string, id: string, bytes: Buffer): Draft => ({
  ...parseAssessment(bytes, file),
  id,
  etag: etagOf(bytes),
});

/** Read, parse and validate a draft, with its version tag; from `cache` when the file has not changed. */
export const readDraftFile = async (file: string, id: string, cache?: DraftCache): Promise<Draft> => {
  if (!cache) return parseDraft(file, id, await readDraftBytes(file, id));
  // Stat before reading: if the file changes in between, the entry is merely stale-keyed and missed next time.
  const info = await stat(file).catch((cause: unknown) => {
    throw (cause as NodeJS.ErrnoException).code === 'ENOENT' ? notFound(id, cause) : cause;
  });
  const version = stampOf(info);
  const cached = cache.files.get(file);
  if (cached?.draft && cached.version === version) return cached.draft;
  const bytes = await readDraftBytes(file, id);
  const draft = parseDraft(file, id, bytes);
  cache.files.set(file, { etag: draft.etag, bytes: bytes.length, raw: bytes, version, draft });
  rememberVersion(cache, file, draft.etag, draft.data, bytes.length);
  return draft;
};

/**
 * Get the next save of a draft just read ready while nobody waits: its first save after a read prints the whole
 * document (tens of milliseconds for 001, in the request that saves), every later one only what it changes. The
 * editor opens a draft seconds before it saves, so the print is made then, once the thread is free: the parsed
 * file's comments carried into the canonical print, as that first save would carry them. Nothing is written.
 */
export const prepareDraftSave = (file: string, cache: DraftCache): void => {
  setImmediate(() => {
    const entry = cache.files.get(file);
    if (!entry?.draft?.form || (entry.comments && isPrinted(entry.comments))) return;
    try {
      // A read keeps no tree (pia render never needs one): parsed here, in idle time, as the first save would.
      const { doc } = printAssessment(entry.draft.form, entry.draft.data, entry.comments ?? entry.draft.parsed.doc);
      // Only if the file is still that version: a save meanwhile has left its own printed document.
      if (cache.files.get(file) === entry) cache.files.set(file, { ...entry, comments: doc });
    } catch {
      // Beyond the limits: the save will say so.
    }
  }).unref();
};

/**
 * The cache's entry for `file` while the file still has the stamp it was read or written with: a stat instead of
 * reading 250 KB (a save read its file three times). Only a guide: the write checks the bytes right before its rename.
 */
const unchangedEntry = async (file: string, cache: DraftCache | undefined, known?: Stats): Promise<CacheEntry | undefined> => {
  const entry = cache?.files.get(file);
  if (entry?.version === undefined) return undefined;
  const info = known ?? (await stat(file).catch(() => undefined));
  return info?.isFile() && stampOf(info) === entry.version ? entry : undefined;
};

/**
 * The etag and content of the draft on disk, without parsing it when `cache` holds that version (a writer merging
 * under the lock needs no validation, and the version is most often the one just written). `locked`: the file's
 * stat, when the caller took it under the lock.
 */
export const readDraftVersion = async (
  file: string,
  id: string,
  cache: DraftCache,
  locked?: Stats,
): Promise<{ etag: string; data: Record<string, unknown> }> => {
  const entry = await unchangedEntry(file, cache, locked);
  const kept = entry && recallDraftVersion(cache, file, entry.etag);
  if (entry && kept) return { etag: entry.etag, data: kept };
  const bytes = await readDraftBytes(file, id);
  const etag = etagOfRead(cache, file, bytes);
  const known = recallDraftVersion(cache, file, etag);
  if (known) return { etag, data: known };
  const { data } = parseAssessment(bytes, file);
  rememberVersion(cache, file, etag, data, bytes.length);
  return { etag, data };
};

/** The version on disk, for the writer whose save lost the race: they must see it, so nothing is lost. */
const conflict = (file: string, id: string, bytes: Buffer, cache: DraftCache | undefined): AppError => {
  // Whatever the cache took for the file's version (its stamp can survive an edit in place within one clock tick), it is not.
  if (cache && cache.files.get(file)?.raw.equals(bytes) !== true) cache.files.delete(file);
  const etag = etagOf(bytes);
  let data: Record<string, unknown> | undefined;
  try {
    data = parseAssessment(bytes, file).data;
    rememberVersion(cache, file, etag, data, bytes.length);
  } catch {
    // Another program left a file that no longer parses; the writer still learns the version changed.
  }
  return new AppError('REVISION_CONFLICT', fillMessage(API_MESSAGES_JA.saveConflict, { id }), {
    etag,
    ...(data ? { data } : {}),
  });
};

const formOf = (id: string, data: Record<string, unknown>): FormId => {
  const form = data['form'];
  if (!isFormId(form)) throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id }), { id });
  return form;
};

export type SavedDraft = { readonly etag: string; readonly issues: readonly ValidationIssue[] };

/**
 * Replace a draft if it is still the version `expectedEtag` names. The caller holds the folder's write lock, so no
 * writer of this tool can come between the check and the rename; the version is checked once more right before the
 * rename against other programs. Drafts with schema issues are saved; the issues come back.
 */
export const writeDraftFile = async (
  file: string,
  id: string,
  data: Record<string, unknown>,
  expectedEtag: string,
  options: { cache?: DraftCache | undefined; hooks?: WriteHooks | undefined; stat?: Stats | undefined } = {},
): Promise<SavedDraft> => {
  const { cache, hooks = {} } = options;
  const unchanged = await unchangedEntry(file, cache, options.stat);
  const before = unchanged?.raw ?? (await readDraftBytes(file, id));
  const etag = unchanged?.etag ?? etagOfRead(cache, file, before);
  if (expectedEtag !== etag) throw conflict(file, id, before, cache);
  const cached = cache?.files.get(file);
  let previous = cached?.etag === etag ? (cached.comments ?? cached.draft?.parsed.doc) : undefined;
  try {
    previous ??= parseAssessment(before, file).parsed.doc;
  } catch {
    // The file on disk no longer parses: there are no comments to carry over, and the save repairs it.
  }
  const form = formOf(id, data);
  const { bytes, doc } = printAssessment(form, data, previous);
  checkSize(bytes.length, file);
  // Hashed in libuv's thread pool while the file is written, not on the thread every request waits for.
  const hashing = etagOfAsync(bytes);
  hashing.catch(() => undefined); // awaited after the write; this only keeps a failure from counting as unhandled meanwhile
  let issues: readonly ValidationIssue[] = [];
  const written = await writeFileAtomic(file, bytes, {
    // Line and column are positions in the file, shown by reads; the editor places issues by pointer. The data is
    // within the limits: printAssessment refuses anything beyond them. Validated while the disk flushes the file.
    whileFlushing: () => {
      issues = validateAssessmentWithinLimits(data).issues;
    },
    beforeRename: async (temp) => {
      await hooks.beforeRename?.(temp);
      // Equal bytes are the version checked above; any other bytes hash to another etag.
      if (await fileHolds(file, before)) return;
      const now = await readDraftBytes(file, id);
      if (!now.equals(before)) throw conflict(file, id, now, cache);
    },
  });
  const saved = await hashing;
  const draft = writtenDraft(file, id, saved, bytes, form, data, issues);
  cache?.files.set(file, { etag: saved, bytes: bytes.length, raw: bytes, comments: doc, version: stampOf(written), draft });
  rememberVersion(cache, file, saved, data, bytes.length);
  return { etag: saved, issues };
};

/**
 * The draft a save wrote, as reading its file back gives it, without that read: the list's index reads every draft
 * the folder's watcher reports changed, and parsing and validating the file just written cost the server thread
 * ~0.5 ms of each save of 001. Its data is the data printed (a print reads back as that data; the hostile-YAML
 * tests check it), its issues those the save found. The bytes are parsed only for the tree or an issue's place in
 * the file, when first asked for.
 */
const writtenDraft = (
  file: string,
  id: string,
  etag: string,
  bytes: Buffer,
  form: FormId,
  data: Record<string, unknown>,
  issues: readonly ValidationIssue[],
): Draft => {
  let tree: ParsedYaml | undefined;
  const parsed = (): ParsedYaml => (tree ??= parseYamlCached(bytes, file));
  return {
    file,
    id,
    etag,
    form,
    data,
    issues: issuesPlacedWhenRead(issues, parsed),
    get parsed() {
      return parsed();
    },
  };
};

const exists = (id: string, cause?: unknown): AppError =>
  new AppError('ASSESSMENT_EXISTS', fillMessage(API_MESSAGES_JA.assessmentExists, { id }), { id }, { cause });

/** Create a draft file that must not exist yet (its folder is created when missing). */
export const createDraftFile = async (file: string, id: string, data: Record<string, unknown>): Promise<void> => {
  const folder = path.basename(path.dirname(path.resolve(file)));
  if (isReserved(folder)) throw reservedId(folder);
  const { text } = printAssessment(formOf(id, data), data);
  await makeFolder(path.dirname(file));
  try {
    await writeFileExclusive(file, text);
  } catch (error) {
    if (error instanceof FileExistsError) throw exists(id, error);
    throw error;
  }
};

/** Create a new assessment folder with its first draft; refuses an id whose folder exists. */
export const createAssessmentFolder = async (dataDir: string, id: string, data: Record<string, unknown>): Promise<void> => {
  const dir = assessmentDir(dataDir, id);
  const { text } = printAssessment(formOf(id, data), data);
  await makeFolder(path.dirname(dir));
  try {
    // mkdir without `recursive` fails if the folder exists: that is what makes two creations of one id safe.
    await mkdir(dir);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') throw exists(id, cause);
    throw writeFailed(dir, cause);
  }
  try {
    await writeFileAtomic(path.join(dir, DRAFT_FILE), text);
  } catch (error) {
    await rmdir(dir).catch(() => undefined);
    throw error;
  }
};

/** Every draft in the data folder with its version stamp, read from directory entries and stat only. */
/** The version stamp of one draft (its file and its revisions folder), undefined when it has none. */
export const stampDraft = async (dataDir: string, id: string): Promise<DraftStamp | undefined> => {
  const dir = assessmentDir(dataDir, id);
  const [info, revisions] = await Promise.all([
    stat(path.join(dir, DRAFT_FILE)).catch(() => undefined),
    stat(path.join(dir, 'revisions')).catch(() => undefined),
  ]);
  if (!info?.isFile()) return undefined;
  return { id, updatedAt: info.mtime, version: `${stampOf(info)}/${revisions?.mtimeMs ?? '-'}` };
};

const STAT_SLICE = 32;

export const listDrafts = async (dataDir: string): Promise<DraftStamp[]> => {
  const entries = await readdir(path.resolve(dataDir), { withFileTypes: true }).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  });
  const ids = entries.filter((entry) => entry.isDirectory() && isAssessmentId(entry.name)).map((entry) => entry.name);
  // A slice at a time: 20,000 stats queued at once would hold up every other file access of the server (a page,
  // a save) behind them in libuv's thread pool.
  const stamps: (DraftStamp | undefined)[] = [];
  for (let start = 0; start < ids.length; start += STAT_SLICE) {
    stamps.push(...(await Promise.all(ids.slice(start, start + STAT_SLICE).map((id) => stampDraft(dataDir, id)))));
  }
  return stamps.filter((stamp) => stamp !== undefined).sort((a, b) => a.id.localeCompare(b.id));
};
