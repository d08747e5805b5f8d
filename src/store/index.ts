/** Public API of the store: the only module that touches the disk. */
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';
import { formRoot, splitPointer, validateAssessment, type FormId, type ValidationIssue } from '../schema/index.js';
import { writeFileAtomic, type WriteHooks } from './atomic-write.js';
import { checkSize, decodeUtf8, parseYaml, positionOf, type ParsedYaml } from './yaml-parse.js';
import { orderBySchema, stringifyYaml } from './yaml-write.js';

export { MAX_FILE_BYTES, positionOf, type Position } from './yaml-parse.js';
export { DEFAULT_TEMPLATES_DIR, readFonts, readImages, readTemplates, type FontBytes, type TemplateFiles } from './render-assets.js';
export type { WriteHooks } from './atomic-write.js';
export { writeFileAtomic } from './atomic-write.js';

export type LoadedAssessment = {
  readonly file: string;
  readonly form?: FormId;
  readonly data: Record<string, unknown>;
  /** Schema violations with the line and column where the item is written. */
  readonly issues: readonly ValidationIssue[];
  readonly parsed: ParsedYaml;
};

const readBytes = async (file: string): Promise<Buffer> => {
  try {
    checkSize((await stat(file)).size, file);
    return await readFile(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('ASSESSMENT_NOT_FOUND', `${file}: ファイルが見つかりません。`, { file }, { cause });
    }
    throw cause;
  }
};

/** Read and validate an assessment. A syntax error throws an AppError; schema violations come back as issues. */
export const loadAssessment = async (file: string): Promise<LoadedAssessment> => {
  const parsed = parseYaml(decodeUtf8(await readBytes(file), file), file);
  const data = parsed.data as Record<string, unknown>;
  const { form, issues } = validateAssessment(data);
  const located = issues.map((issue) => ({ ...issue, ...positionOf(parsed, splitPointer(issue.pointer)) }));
  return { file, ...(form ? { form } : {}), data, issues: located, parsed };
};

/** The YAML text an assessment is saved as: form order, block scalars, and the previous file's comments. */
export const serializeAssessment = (form: FormId, data: unknown, previous?: ParsedYaml): string =>
  stringifyYaml(orderBySchema(data, formRoot(form)), previous?.doc);

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
