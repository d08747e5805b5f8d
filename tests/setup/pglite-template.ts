/**
 * The files of one new, empty PGlite database, made once (vitest globalSetup of the projects) so that every database
 * the tests create starts from them instead of running initdb again (src/team/db/pglite.ts startNewDatabasesFrom).
 * Migrations still run on each database, as on a site's first start.
 *
 * initdb gives the same files for one PGlite version, so they are kept between runs in node_modules/.cache, named by
 * that version: initdb in WebAssembly took ~5 s of CPU before any test could start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** PGlite's installed version, from its package.json (its exports do not include that file). */
const pgliteVersion = (): string => {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
};

const makeTemplate = async (): Promise<string> => {
  const file = path.join(ROOT, 'node_modules', '.cache', 'pia-test', `pglite-${pgliteVersion()}-new-database.tar`);
  if (existsSync(file)) return file;
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const files = await db.dumpDataDir('none');
  await db.close();
  await mkdir(path.dirname(file), { recursive: true });
  // Written whole, then renamed: a run stopped halfway (or another run at the same time) never reads half a file.
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, new Uint8Array(await files.arrayBuffer()));
  await rename(partial, file);
  return file;
};

// Both projects' setups run in the one vitest process, perhaps at once: the template is made once.
const shared = globalThis as { piaPgliteTemplate?: Promise<string> };

export default async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await (shared.piaPgliteTemplate ??= makeTemplate()));
}
