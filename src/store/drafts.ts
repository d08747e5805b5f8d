/**
 * Drafts in a data folder: `<dataDir>/<id>/assessment.yaml`, addressed by id and versioned by a hash of the
 * file's bytes (the HTTP layer's ETag), so a save can refuse to overwrite a version its author never saw.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { Document } from 'yaml';
import { isFormId, validateAssessment, type FormId, type ValidationIssue } from '../schema/index.js';
import { parseAssessment, readAssessmentBytes, type LoadedAssessment } from './load.js';
import { printAssessment, serializeAssessment } from './yaml-write.js';
import { writeFileAtomic, type WriteHooks } from './atomic-write.js';
import { checkSize } from './yaml-parse.js';

/** Folder names an assessment may have: no separators, no dots, so an id can never leave the data folder. */
export const ASSESSMENT_ID_PATTERN = '^[0-9A-Za-z][0-9A-Za-z_-]{0,80}$';
const ID_REGEX = new RegExp(ASSESSMENT_ID_PATTERN);
const DRAFT_FILE = 'assessment.yaml';

export const isAssessmentId = (id: string): boolean => ID_REGEX.test(id);

export type Draft = LoadedAssessment & { readonly id: string; readonly etag: string };

/**
 * What identifies one version of an assessment without reading it: a save renames a new draft file in (new
 * inode), and every revision file is created or replaced by a rename in revisions/, which changes that folder's mtime.
 */
export type DraftStamp = { readonly id: string; readonly updatedAt: Date; readonly version: string };

/** The version tag of file bytes: a content hash, so equal bytes are the same version whoever wrote them. */
export const etagOf = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('base64url');

const assessmentDir = (dataDir: string, id: string): string => {
  const root = path.resolve(dataDir);
  const dir = path.resolve(root, id);
  // The pattern already excludes '..' and separators; checking the resolved parent too costs nothing.
  if (!isAssessmentId(id) || path.dirname(dir) !== root) {
    throw new AppError('INVALID_ID', fillMessage(API_MESSAGES_JA.invalidId, { id: id.slice(0, 100) }));
  }
  return dir;
};

/** The draft file of an assessment id, for store functions that take a file (revisions, images); refuses bad ids. */
export const draftFile = (dataDir: string, id: string): string => path.join(assessmentDir(dataDir, id), DRAFT_FILE);
/** How files are named in messages: relative to the data folder, never the server's absolute path. */
const draftLabel = (id: string): string => `${id}/${DRAFT_FILE}`;

const notFound = (id: string, cause?: unknown): AppError =>
  new AppError('ASSESSMENT_NOT_FOUND', fillMessage(API_MESSAGES_JA.assessmentNotFound, { id }), { id }, { cause });

const readDraftBytes = async (dataDir: string, id: string): Promise<Buffer> => {
  try {
    return await readAssessmentBytes(draftFile(dataDir, id));
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
  readonly comments: Document;
  readonly version?: string;
  readonly draft?: Draft;
};

export type DraftCache = {
  get: (id: string) => CacheEntry | undefined;
  set: (id: string, entry: CacheEntry) => void;
};

/** The most recently used `capacity` drafts (a Map keeps insertion order, so re-inserting marks use). */
export const createDraftCache = (capacity = 16): DraftCache => {
  const entries = new Map<string, CacheEntry>();
  return {
    get: (id) => {
      const entry = entries.get(id);
      if (entry) {
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    set: (id, entry) => {
      entries.delete(id);
      entries.set(id, entry);
      for (const oldest of entries.keys()) {
        if (entries.size <= capacity) break;
        entries.delete(oldest);
      }
    },
  };
};

const stampOf = (info: { ino: number; mtimeMs: number; size: number }): string =>
  `${info.ino}:${info.mtimeMs}:${info.size}`;

const parseDraft = (id: string, bytes: Buffer): Draft => ({
  ...parseAssessment(bytes, draftLabel(id)),
  id,
  etag: etagOf(bytes),
});

/** Read, parse and validate a draft, with its version tag; from `cache` when the file has not changed. */
export const readDraft = async (dataDir: string, id: string, cache?: DraftCache): Promise<Draft> => {
  if (!cache) return parseDraft(id, await readDraftBytes(dataDir, id));
  // Stat before reading: if the file changes in between, the entry is merely stale-keyed and missed next time.
  const info = await stat(draftFile(dataDir, id)).catch((cause: unknown) => {
    throw (cause as NodeJS.ErrnoException).code === 'ENOENT' ? notFound(id, cause) : cause;
  });
  const version = stampOf(info);
  const cached = cache.get(id);
  if (cached?.draft && cached.version === version) return cached.draft;
  const draft = parseDraft(id, await readDraftBytes(dataDir, id));
  cache.set(id, { etag: draft.etag, comments: draft.parsed.doc, version, draft });
  return draft;
};

/** The version on disk, for the author whose save lost the race: they must see it, so nothing is lost. */
const conflict = (id: string, bytes: Buffer): AppError => {
  const etag = etagOf(bytes);
  let data: Record<string, unknown> | undefined;
  try {
    data = parseAssessment(bytes, draftLabel(id)).data;
  } catch {
    // Another program left a file that no longer parses; the author still learns the version changed.
  }
  return new AppError('REVISION_CONFLICT', fillMessage(API_MESSAGES_JA.saveConflict, { id }), {
    etag,
    ...(data ? { data } : {}),
  });
};

const formOf = (id: string, data: Record<string, unknown>): FormId => {
  const form = data['form'];
  if (!isFormId(form)) {
    throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id }), { id });
  }
  return form;
};

export type SavedDraft = { readonly etag: string; readonly issues: readonly ValidationIssue[] };

/**
 * Replace a draft if it is still the version `expectedEtag` names ('*' = any version). The version is checked
 * when the save starts and again right before the atomic rename, so a save by another process in between is
 * refused rather than overwritten. Drafts with schema issues are saved; the issues come back. `hooks` lets tests
 * act as that other process.
 */
export const saveDraft = async (
  dataDir: string,
  id: string,
  data: Record<string, unknown>,
  expectedEtag: string,
  options: { cache?: DraftCache; hooks?: WriteHooks } = {},
): Promise<SavedDraft> => {
  const { cache, hooks = {} } = options;
  const file = draftFile(dataDir, id);
  const before = await readDraftBytes(dataDir, id);
  const etag = etagOf(before);
  if (expectedEtag !== '*' && expectedEtag !== etag) throw conflict(id, before);
  const cached = cache?.get(id);
  let previous = cached?.etag === etag ? cached.comments : undefined;
  try {
    previous ??= parseAssessment(before, draftLabel(id)).parsed.doc;
  } catch {
    // The file on disk no longer parses: there are no comments to carry over, and the save repairs it.
  }
  const form = formOf(id, data);
  const { text, doc } = printAssessment(form, data, previous);
  const bytes = Buffer.from(text, 'utf8');
  checkSize(bytes.length, draftLabel(id));
  await writeFileAtomic(file, text, {
    beforeRename: async (temp) => {
      await hooks.beforeRename?.(temp);
      const now = await readDraftBytes(dataDir, id);
      if (etagOf(now) !== etag) throw conflict(id, now);
    },
  });
  const saved = etagOf(bytes);
  cache?.set(id, { etag: saved, comments: doc });
  // Line and column are positions in the file, shown by reads; the editor places issues by pointer.
  return { etag: saved, issues: validateAssessment(data).issues };
};

/** Create a new assessment folder with its first draft; refuses an id whose folder exists. */
export const createDraft = async (dataDir: string, id: string, data: Record<string, unknown>): Promise<void> => {
  const dir = assessmentDir(dataDir, id);
  const text = serializeAssessment(formOf(id, data), data);
  await mkdir(path.dirname(dir), { recursive: true });
  try {
    // mkdir without `recursive` fails if the folder exists: that is what makes two creations of one id safe.
    await mkdir(dir);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new AppError('ASSESSMENT_EXISTS', fillMessage(API_MESSAGES_JA.assessmentExists, { id }), { id }, { cause });
    }
    throw cause;
  }
  try {
    await writeFileAtomic(path.join(dir, DRAFT_FILE), text);
  } catch (error) {
    await rmdir(dir).catch(() => undefined);
    throw error;
  }
};

/** Every draft in the data folder with its version stamp, read from directory entries and stat only. */
export const listDrafts = async (dataDir: string): Promise<DraftStamp[]> => {
  const entries = await readdir(path.resolve(dataDir), { withFileTypes: true }).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  });
  const ids = entries.filter((entry) => entry.isDirectory() && isAssessmentId(entry.name)).map((entry) => entry.name);
  const stamps = await Promise.all(
    ids.map(async (id) => {
      const file = draftFile(dataDir, id);
      const [info, revisions] = await Promise.all([
        stat(file).catch(() => undefined),
        stat(path.join(path.dirname(file), 'revisions')).catch(() => undefined),
      ]);
      if (!info?.isFile()) return undefined;
      return { id, updatedAt: info.mtime, version: `${stampOf(info)}/${revisions?.mtimeMs ?? '-'}` };
    }),
  );
  return stamps.filter((stamp) => stamp !== undefined).sort((a, b) => a.id.localeCompare(b.id));
};
