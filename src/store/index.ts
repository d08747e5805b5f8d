/** Public API of the store: the only module that touches the disk (and the only importer of yaml). */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { isReserved } from './drafts.js';

export { MAX_FILE_BYTES, positionOf, type Position } from './yaml-parse.js';
export { useYamlCache } from './yaml-cache.js';
export { loadAssessment, parseAssessment, readDataFile, readFileBytes, type LoadedAssessment } from './load.js';
export { writeBundle } from './bundle.js';
export { serializeAssessment } from './yaml-write.js';
export { writeFileAtomic, type WriteHooks } from './atomic-write.js';
export { DEFAULT_TEMPLATES_DIR, MAX_IMAGE_BYTES, createRenderAssetsLoader, readFonts, readImages, readTemplates, type FontBytes, type TemplateFiles } from './render-assets.js';
export {
  ASSESSMENT_ID_PATTERN,
  RESERVED_IDS,
  etagOf,
  isAssessmentId,
  type Draft,
  type DraftStamp,
  type SavedDraft,
} from './drafts.js';
export { rowsEtagOf, type FrozenRevision, type NewRevision, type StoredRevision } from './revisions.js';
export {
  openAssessmentFile,
  openLibrary,
  type AssessmentStore,
  type Library,
  type StoreOptions,
  type StoreWriter,
} from './assessment-store.js';
export type { DraftWatch } from './watch.js';
export {
  openSnippetStore,
  readSnippetLibrary,
  writeSnippet,
  type LoadedSnippets,
  type SnippetFileIssue,
  type SnippetStore,
} from './snippets.js';
export { isPublicationText, parsePublication, serializePublication } from './publication.js';

const ASSESSMENT_FILE = 'assessment.yaml';

/** The assessment files a path names: the file itself, or every assessment.yaml below a folder. */
export const findAssessmentFiles = async (target: string): Promise<string[]> => {
  const info = await stat(target).catch((cause: unknown) => {
    throw new AppError('ASSESSMENT_NOT_FOUND', `${target}: ファイルまたはフォルダが見つかりません。`, { file: target }, { cause });
  });
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  // The standard-text library's folder is never an assessment, whatever it holds.
  return entries
    .filter((entry) => entry.isFile() && entry.name === ASSESSMENT_FILE && !isReserved(path.basename(entry.parentPath)))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
};
