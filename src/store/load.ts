import { AppError } from '../errors.js';
import { splitPointer, validateAssessment, type FormId, type ValidationIssue } from '../schema/index.js';
import { readRegularFile } from './regular-file.js';
import { parseYamlCached } from './yaml-cache.js';
import { checkSize, decodeUtf8, parseYaml, positionOf, type ParsedYaml } from './yaml-parse.js';

export type LoadedAssessment = {
  readonly file: string;
  readonly form?: FormId;
  readonly data: Record<string, unknown>;
  /** Schema violations with the line and column where the item is written. */
  readonly issues: readonly ValidationIssue[];
  readonly parsed: ParsedYaml;
};

/**
 * The bytes of an assessment file, refusing oversized files before reading them, and anything but a regular file
 * (a folder in its place, a FIFO that would never end, a device) with a clear error rather than a crash or a hang.
 */
export const readAssessmentBytes = async (file: string): Promise<Buffer> => {
  try {
    return await readRegularFile(file, (info) => {
      if (!info.isFile()) {
        const what = info.isDirectory() ? 'フォルダ' : '特殊なファイル';
        throw new AppError('NOT_A_FILE', `${file}: 評価書のファイルではなく${what}です。YAMLファイルに置き換えてください。`, { file });
      }
      checkSize(info.size, file);
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('ASSESSMENT_NOT_FOUND', `${file}: ファイルが見つかりません。`, { file }, { cause });
    }
    throw cause;
  }
};

/** Where in the file an issue's item is written. */
const placeOf = (parsed: ParsedYaml, issue: ValidationIssue) => positionOf(parsed, splitPointer(issue.pointer));

/** Parse and validate assessment bytes. A syntax error throws an AppError; schema violations come back as issues. */
export const parseAssessment = (bytes: Uint8Array, file: string): LoadedAssessment => {
  const parsed = parseYamlCached(bytes, file);
  const data = parsed.data as Record<string, unknown>;
  const { form, issues } = validateAssessment(data);
  const located = issues.map((issue) => ({ ...issue, ...placeOf(parsed, issue) }));
  return { file, ...(form ? { form } : {}), data, issues: located, parsed };
};

/**
 * Issues already found in data whose file is `parsed()`, each placed (line, column) only when its place is first
 * read: the list's index counts a draft's issues, and counting needs no parse of the file.
 */
export const issuesPlacedWhenRead = (issues: readonly ValidationIssue[], parsed: () => ParsedYaml): ValidationIssue[] =>
  issues.map((issue) => {
    let place: ReturnType<typeof placeOf> | null = null;
    const at = () => (place === null ? (place = placeOf(parsed(), issue)) : place);
    return {
      ...issue,
      get line() {
        return at()?.line;
      },
      get column() {
        return at()?.column;
      },
    };
  });

/** Read and validate an assessment. A syntax error throws an AppError; schema violations come back as issues. */
export const loadAssessment = async (file: string): Promise<LoadedAssessment> =>
  parseAssessment(await readAssessmentBytes(file), file);

/** A YAML (or JSON) file of data that is not an assessment, e.g. 変更箇所 rows for `pia rows --set`. */
export const readDataFile = async (file: string): Promise<Record<string, unknown>> =>
  parseYaml(decodeUtf8(await readAssessmentBytes(file), file), file).data as Record<string, unknown>;

/** The bytes of any file a command names (a PDF to verify), up to `limit` bytes. */
export const readFileBytes = async (file: string, limit = 256 * 1024 * 1024): Promise<Buffer> => {
  try {
    // As for assessments: a FIFO or a device in place of the file must neither hang nor fill the memory.
    return await readRegularFile(file, (info) => {
      if (!info.isFile()) throw new AppError('NOT_A_FILE', `${file}: 通常のファイルではありません。`, { file });
      if (info.size > limit) throw new AppError('FILE_TOO_LARGE', `${file}: ファイルが大きすぎます（${(info.size / 1024 / 1024).toFixed(1)} MB）。`, { file, bytes: info.size });
    });
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new AppError('ASSESSMENT_NOT_FOUND', `${file}: ファイルが見つかりません。`, { file }, { cause });
    }
    throw cause;
  }
};
