/** Public API of the store: the only module that touches the disk. */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import type { FormId } from '../schema/index.js';
import { writeFileAtomic, type WriteHooks } from './atomic-write.js';
import type { ParsedYaml } from './yaml-parse.js';
import { serializeAssessment } from './yaml-write.js';

export { MAX_FILE_BYTES, positionOf, type Position } from './yaml-parse.js';
export { loadAssessment, type LoadedAssessment } from './load.js';
export {
  commitRevision,
  latestRevisionNumber,
  listRevisions,
  readRevision,
  saveConfirmedRows,
  setRevisionStatus,
  type CommitRequest,
  type Revision,
  type RevisionContent,
} from './revisions.js';
export {
  DEFAULT_TEMPLATES_DIR,
  MAX_IMAGE_BYTES,
  readFonts,
  readImages,
  readTemplates,
  type FontBytes,
  type TemplateFiles,
} from './render-assets.js';
export type { WriteHooks } from './atomic-write.js';
export { writeFileAtomic } from './atomic-write.js';
export { parseAssessment } from './load.js';
export { serializeAssessment } from './yaml-write.js';

/**
 * Save atomically. Drafts with schema issues may be saved (they are reported, not refused); the previous
 * revision of the file stays intact if anything fails.
 */
export const saveAssessment = async (
  file: string,
  form: FormId,
  data: unknown,
  options: { previous?: ParsedYaml; hooks?: WriteHooks } = {},
): Promise<void> => {
  await writeFileAtomic(file, serializeAssessment(form, data, options.previous), options.hooks);
};

const ASSESSMENT_FILE = 'assessment.yaml';

/** The assessment files a path names: the file itself, or every assessment.yaml below a folder. */
export const findAssessmentFiles = async (target: string): Promise<string[]> => {
  const info = await stat(target).catch((cause: unknown) => {
    throw new AppError('ASSESSMENT_NOT_FOUND', `${target}: ファイルまたはフォルダが見つかりません。`, { file: target }, { cause });
  });
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name === ASSESSMENT_FILE)
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
};

export {
  ASSESSMENT_ID_PATTERN,
  createDraft,
  createDraftCache,
  draftFile,
  etagOf,
  isAssessmentId,
  listDrafts,
  readDraft,
  saveDraft,
  type Draft,
  type DraftCache,
  type DraftStamp,
  type SavedDraft,
} from './drafts.js';
