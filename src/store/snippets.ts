/**
 * The standard-text library of a data folder: `<dataDir>/snippets/<id>.v<version>.yaml`, one file per version.
 * A version is never rewritten (assessments record the hash of the text they inserted); a new one is a new file.
 */
import { mkdir, readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, isAppError } from '../errors.js';
import { fillMessage } from '../messages.ja.js';
import { snippetRoot, splitPointer, validateSnippet } from '../schema/index.js';
import { SNIPPET_MESSAGES_JA as M, libraryIssues, type Snippet } from '../snippets/index.js';
import { FileExistsError, writeFileExclusive } from './atomic-write.js';
import { decodeUtf8, parseYaml, positionOf } from './yaml-parse.js';
import { orderBySchema, stringifyYaml } from './yaml-write.js';

const SNIPPETS_DIR = 'snippets';
/** A standard text is a few paragraphs; anything far larger is a mistake. */
const MAX_SNIPPET_BYTES = 256 * 1024;

/** A problem of one library file, where it is written (`file` relative to the data folder). */
export type SnippetFileIssue = { readonly file: string; readonly line?: number; readonly column?: number; readonly path: readonly string[]; readonly message: string };

export type LoadedSnippets = { readonly snippets: readonly Snippet[]; readonly issues: readonly SnippetFileIssue[] };

const fileNameOf = (snippet: Pick<Snippet, 'id' | 'version'>): string => `${snippet.id}.v${snippet.version}.yaml`;

const readOne = async (dir: string, name: string): Promise<{ snippet?: Snippet; issues: SnippetFileIssue[] }> => {
  const file = `${SNIPPETS_DIR}/${name}`;
  const { size } = await stat(path.join(dir, name));
  if (size > MAX_SNIPPET_BYTES) {
    const message = fillMessage(M.tooLarge, { kb: Math.ceil(size / 1024), limit: MAX_SNIPPET_BYTES / 1024 });
    return { issues: [{ file, path: [], message }] };
  }
  const bytes = await readFile(path.join(dir, name));
  let parsed;
  try {
    parsed = parseYaml(decodeUtf8(bytes, file), file);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const { line, column } = error.details;
    const message = error.code === 'YAML_NOT_MAPPING' ? M.notMapping : error.messageJa;
    return { issues: [{ file, ...(line !== undefined ? { line, column } : {}), path: [], message }] };
  }
  const issues: SnippetFileIssue[] = validateSnippet(parsed.data).map((issue) => ({
    file,
    ...positionOf(parsed, splitPointer(issue.pointer)),
    path: issue.path,
    message: issue.message,
  }));
  if (issues.length > 0) return { issues };
  const snippet = parsed.data as Snippet;
  const expected = fileNameOf(snippet);
  return { snippet, issues: name === expected ? [] : [{ file, path: [], message: fillMessage(M.fileName, { expected }) }] };
};

/**
 * Every valid version in `<dataDir>/snippets/`, and the problems of the others (with line and column) and of the
 * library as a whole (duplicates, replacement links to missing texts). No folder is an empty library.
 */
const libraryDir = (dataDir: string): string => path.join(path.resolve(dataDir), SNIPPETS_DIR);

/** The version files of the library folder (none when there is no folder). */
const snippetFileNames = async (dir: string): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true }).catch((cause: unknown) => {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw cause;
  });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.yaml') && !entry.name.startsWith('.')).map((entry) => entry.name).sort();
};

export const readSnippetLibrary = async (dataDir: string): Promise<LoadedSnippets> => {
  const dir = libraryDir(dataDir);
  const names = await snippetFileNames(dir);
  const read = await Promise.all(names.map(async (name) => ({ file: `${SNIPPETS_DIR}/${name}`, ...(await readOne(dir, name)) })));
  const loaded = read.flatMap(({ file, snippet }) => (snippet ? [{ file, snippet }] : []));
  const snippets = loaded.map(({ snippet }) => snippet);
  const shared = libraryIssues(snippets).map(({ id, version, message }) => {
    const owner = loaded.find(({ snippet }) => snippet.id === id && snippet.version === version);
    return { file: owner?.file ?? SNIPPETS_DIR, path: [], message };
  });
  return { snippets, issues: [...read.flatMap((one) => one.issues), ...shared] };
};

/**
 * Add a version to the library, validated first; refuses to replace an existing version (assessments that used it
 * keep its hash), so of two writers racing for the same version exactly one wins. Returns the file written.
 */
export const writeSnippet = async (dataDir: string, data: unknown): Promise<string> => {
  const issues = validateSnippet(data);
  if (issues.length > 0) {
    const first = `${issues[0]!.path.join(' > ')}: ${issues[0]!.message}`;
    throw new AppError('SNIPPET_INVALID', fillMessage(M.invalid, { count: issues.length, first }), { issues });
  }
  const snippet = data as Snippet;
  const dir = libraryDir(dataDir);
  // The schema's id pattern (lower-case letters, digits, hyphens) keeps the name inside the folder.
  const file = path.join(dir, fileNameOf(snippet));
  await mkdir(dir, { recursive: true });
  try {
    await writeFileExclusive(file, stringifyYaml(orderBySchema(snippet, snippetRoot())));
  } catch (cause) {
    if (!(cause instanceof FileExistsError)) throw cause;
    const message = fillMessage(M.exists, { id: snippet.id, version: snippet.version, next: snippet.version + 1 });
    throw new AppError('SNIPPET_EXISTS', message, { id: snippet.id, version: snippet.version }, { cause });
  }
  return file;
};

/** The library of one data folder, as the workflows use it: read (kept while no file changed) and add a version. */
export type SnippetStore = {
  /** The data folder the library belongs to. */
  readonly dataDir: string;
  read: () => Promise<LoadedSnippets>;
  add: (data: unknown) => Promise<string>;
};

/** Names, sizes and modification times of the library's files: any added, removed or edited file changes it. */
const libraryStamp = async (dir: string): Promise<string> => {
  const names = await snippetFileNames(dir);
  const stats = await Promise.all(names.map((name) => stat(path.join(dir, name)).then((info) => `${name}:${info.size}:${info.mtimeMs}`, () => name)));
  return stats.join('/');
};

/**
 * The library of a data folder. Every check of every autosave reads it, so the parsed library is kept until a file
 * of the folder changes (a stat per file instead of parsing and validating each).
 */
export const openSnippetStore = (dataDir: string): SnippetStore => {
  const dir = libraryDir(dataDir);
  let cached: { stamp: string; loaded: Promise<LoadedSnippets> } | undefined;
  return {
    dataDir,
    read: async () => {
      const stamp = await libraryStamp(dir);
      if (cached?.stamp !== stamp) {
        const loaded = readSnippetLibrary(dataDir);
        cached = { stamp, loaded };
        // A failed read must not stick.
        loaded.catch(() => (cached = undefined));
      }
      return cached.loaded;
    },
    add: (data) => writeSnippet(dataDir, data),
  };
};
