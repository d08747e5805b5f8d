import { constants, existsSync } from 'node:fs';
import { readFile, readdir, realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, isAppError } from '../errors.js';
import { readRegularFile } from './regular-file.js';

const require = createRequire(import.meta.url);

/** The folder holding package.json above `start`: the same from the sources and from the bundled CLI in dist/. */
const packageRoot = (start: string): string => {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
};

/** The repository's templates folder, found from this module so the CLI works from any directory. */
export const DEFAULT_TEMPLATES_DIR = path.join(packageRoot(path.dirname(fileURLToPath(import.meta.url))), 'templates');

/** The BIZ UD fonts shipped by npm packages: no system font, no network. */
const FONT_FILES = {
  mincho: '@expo-google-fonts/biz-udmincho/400Regular/BIZUDMincho_400Regular.ttf',
  gothic: '@expo-google-fonts/biz-udgothic/400Regular/BIZUDGothic_400Regular.ttf',
} as const;

export type FontBytes = { readonly mincho: Uint8Array; readonly gothic: Uint8Array };

export const readFonts = async (): Promise<FontBytes> => {
  const [mincho, gothic] = await Promise.all([readFile(require.resolve(FONT_FILES.mincho)), readFile(require.resolve(FONT_FILES.gothic))]);
  return { mincho, gothic };
};

export type TemplateFiles = { readonly documents: Record<string, string>; readonly partials: Record<string, string> };

const listHbs = async (dir: string, prefix = ''): Promise<string[]> => {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return listHbs(dir, relative);
      return entry.name.endsWith('.hbs') ? [relative] : [];
    }),
  );
  return nested.flat();
};

/**
 * The templates folder: `<form>/<revision>.hbs` are documents; `partials/*.hbs` are registered by their base
 * name and `<form>/parts/*.hbs` by their path (`yoshiki3/parts/document`).
 */
export const readTemplates = async (dir: string): Promise<TemplateFiles> => {
  const documents: Record<string, string> = {};
  const partials: Record<string, string> = {};
  for (const file of await listHbs(dir)) {
    const source = await readFile(path.join(dir, file), 'utf8');
    const name = file.slice(0, -'.hbs'.length);
    if (name.startsWith('partials/')) partials[name.slice('partials/'.length)] = source;
    else if (name.includes('/parts/')) partials[name] = source;
    else documents[name] = source;
  }
  return { documents, partials };
};

/**
 * Fonts and templates read once and shared by every PDF of a process (parsing them is the slow part of a PDF);
 * a failed read (a template folder being edited) does not stick: the next call reads again.
 */
export const createRenderAssetsLoader = (templatesDir: string): (() => Promise<{ fonts: FontBytes; templates: TemplateFiles }>) => {
  let shared: Promise<{ fonts: FontBytes; templates: TemplateFiles }> | undefined;
  return () => {
    if (!shared) {
      shared = Promise.all([readFonts(), readTemplates(templatesDir)]).then(([fonts, templates]) => ({ fonts, templates }));
      shared.catch(() => (shared = undefined));
    }
    return shared;
  };
};

/** A diagram is a picture of a page at most; anything far larger is a mistake (or /dev/zero behind a link). */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Whether `target` lies inside `dir`. */
const isInside = (dir: string, target: string): boolean => target.startsWith(dir + path.sep);

/**
 * Diagram images named by an assessment, read from its folder; a missing file is reported, not skipped. Only
 * regular files whose real path (links resolved) lies inside the assessment's folder are read, and only up to
 * MAX_IMAGE_BYTES: bytes from elsewhere must never end up in a published PDF, and a FIFO or a device must neither
 * hang the server nor fill its memory. Whether the bytes are a picture pdfkit can draw is the renderer's call.
 */
export const readImages = async (assessmentFile: string, files: readonly string[]): Promise<Map<string, Uint8Array>> => {
  const dir = path.dirname(assessmentFile);
  const realDir = await realpath(dir);
  const images = new Map<string, Uint8Array>();
  for (const file of files) {
    const details = { file: assessmentFile, image: file };
    const missing = (cause?: unknown): AppError =>
      new AppError('IMAGE_NOT_FOUND', `図の画像ファイルが評価書のフォルダにありません: ${file}`, details, { cause });
    const invalid = (why: string): AppError => new AppError('IMAGE_INVALID', `図の画像ファイル「${file}」は${why}`, details);
    // Images live beside the assessment; a path or a link leading out of its folder is refused like a missing file.
    if (!isInside(dir, path.resolve(dir, file))) throw missing();
    const real = await realpath(path.resolve(dir, file)).catch((cause: unknown) => Promise.reject(missing(cause)));
    if (!isInside(realDir, real)) throw missing();
    const bytes = await readRegularFile(
      real,
      (info) => {
        if (!info.isFile()) throw invalid('通常のファイルではありません。PNG か JPEG の画像ファイルを置いてください。');
        if (info.size > MAX_IMAGE_BYTES) throw invalid(`大きすぎます（${MAX_IMAGE_BYTES / 1024 / 1024} MB まで）。`);
      },
      constants.O_NOFOLLOW,
    ).catch((cause: unknown) => Promise.reject(isAppError(cause) ? cause : missing(cause)));
    images.set(file, bytes);
  }
  return images;
};
