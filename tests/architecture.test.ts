/**
 * The module map as a test (STYLE.md §2): which library each module may import, which faces of other modules the
 * UI and the src/ modules may reach, and who may read the wall clock.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/seeds.js';

type Import = { readonly file: string; readonly spec: string; readonly typeOnly: boolean; readonly target?: string };

const sources = (dir: string): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.parentPath.includes(`${path.sep}dist`))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));

const importsOf = (file: string): Import[] => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const found: Import[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
  for (const match of text.matchAll(pattern)) {
    const spec = match[2] ?? match[3]!;
    const target = spec.startsWith('.') ? path.normalize(path.join(path.dirname(file), spec)).replace(/\.js$/, '.ts') : undefined;
    found.push({ file, spec, typeOnly: match[1] !== undefined, ...(target ? { target } : {}) });
  }
  return found;
};

const SRC = sources('src').flatMap(importsOf);
const UI = sources('ui').flatMap(importsOf);

/** src/<module>/… → module; src/errors.ts and friends are modules of their own. */
const moduleOf = (file: string): string => file.split(path.sep).slice(0, 2).join('/').replace(/\.ts$/, '');
const isPackage = (spec: string, name: string): boolean => spec === name || spec.startsWith(`${name}/`);
const outside = (imports: readonly Import[], isAllowedFile: (file: string) => boolean) =>
  imports.filter((entry) => !isAllowedFile(entry.file)).map((entry) => `${entry.file} → ${entry.spec}`);

describe('libraries stay in their module', () => {
  it.each([
    ['node:fs (and fs)', ['node:fs', 'fs', 'node:fs/promises', 'fs/promises'], 'src/store/'],
    ['yaml', ['yaml'], 'src/store/'],
    ['pdfkit', ['pdfkit'], 'src/render/pdf/'],
    ['fastify', ['fastify', '@fastify/static'], 'src/server/'],
    ['diff', ['diff'], 'src/diff/'],
  ])('%s only in its module', (_name, packages, home) => {
    const users = SRC.filter((entry) => packages.some((name) => isPackage(entry.spec, name)));
    // The team database's embedded files (PGlite in <data>/.pia/db, migrations) are the other owner of the disk.
    const homes = home === 'src/store/' ? [home, 'src/team/db/'] : [home];
    expect(outside(users, (file) => homes.some((prefix) => file.startsWith(prefix)))).toEqual([]);
  });

  it('src/workflows imports no HTTP, no file system and no renderer: pure apart from the store it is given', () => {
    const forbidden = ['fastify', '@fastify/static', 'node:fs', 'fs', 'node:fs/promises', 'yaml', 'pdfkit', 'node:child_process'];
    const workflows = SRC.filter((entry) => entry.file.startsWith(`src${path.sep}workflows`));
    expect(workflows.filter((entry) => forbidden.some((name) => isPackage(entry.spec, name))).map((e) => e.spec)).toEqual([]);
    expect(workflows.filter((entry) => entry.target && /^src\/(server|cli|render)\//.test(entry.target)).map((e) => e.spec)).toEqual([]);
    // Only types of the store: the store object itself is given by the front end.
    expect(workflows.filter((entry) => entry.target?.startsWith('src/store/') && !entry.typeOnly).map((e) => `${e.file} → ${e.spec}`)).toEqual([]);
  });
});

describe('modules reach each other through their public face', () => {
  /** Faces besides index.ts: pure data modules without an index, message catalogues, the server's app. */
  const isFace = (target: string): boolean =>
    target.endsWith('/index.ts') ||
    target.endsWith('/messages.ja.ts') ||
    target.startsWith('src/domain/') ||
    target === 'src/server/app.ts' ||
    target.split('/').length === 2;

  it('src modules import other modules only through their faces', () => {
    const crossing = SRC.filter((entry) => entry.target && moduleOf(entry.file) !== moduleOf(entry.target));
    expect(crossing.filter((entry) => !isFace(entry.target!)).map((entry) => `${entry.file} → ${entry.spec}`)).toEqual([]);
  });

  it('the front ends never reach into each other or into the store’s internals', () => {
    const fronts = SRC.filter((entry) => /^src\/(cli|server)\//.test(entry.file) && entry.target);
    expect(fronts.filter((entry) => moduleOf(entry.file) !== moduleOf(entry.target!) && /^src\/(cli|server)\//.test(entry.target!)).map((e) => e.spec)).toEqual([]);
  });

  // The pure modules the editor already used before this map was a test: schema navigation and validation (live,
  // in the browser), the rows helpers of the diff, the acknowledgement matching of the checks, and dates.
  const UI_PURE_MODULES = new Set([
    'src/schema/documents.ts',
    'src/schema/issues.ts',
    'src/schema/labels.ts',
    'src/schema/options.ts',
    'src/schema/outline.ts',
    'src/schema/resolve.ts',
    'src/schema/skeleton.ts',
    'src/schema/validate.ts',
    'src/diff/rows.ts',
    'src/checks/acknowledgements.ts',
    'src/messages.ja.ts',
    'src/team/messages.ja.ts',
  ]);

  it('the UI imports from src/ only public faces, pure modules, and the API types (type-only)', () => {
    const fromSrc = UI.filter((entry) => entry.target?.startsWith('src/'));
    const refused = fromSrc.filter(({ target, typeOnly }) => {
      if (target === 'src/server/dto.ts') return !typeOnly;
      if (/^src\/(server|store|workflows|cli|render)\//.test(target!)) return true;
      return !(target!.endsWith('/index.ts') || target!.startsWith('src/domain/') || UI_PURE_MODULES.has(target!));
    });
    expect(refused.map((entry) => `${entry.file} → ${entry.spec}${entry.typeOnly ? ' (type)' : ''}`)).toEqual([]);
    expect(fromSrc.length).toBeGreaterThan(10);
  });
});

describe('one clock', () => {
  it('only the workflows’ clock reads the time of day (the store compares file ages with it, for stale locks and temp files)', () => {
    // Now, and calendar fields of the machine's own time zone; date arithmetic in UTC (wareki-parse) is no clock.
    const clockReading = /new Date\(\)|Date\.now\(\)|\.get(?:FullYear|Month|Date|Hours)\(\)/;
    const readers = sources('src').filter((file) => clockReading.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(readers).toEqual(['src/store/folder-lock.ts', 'src/store/temp-files.ts', 'src/workflows/clock.ts']);
  });
});
