/**
 * The files of one new, empty PGlite database, made once per test run (vitest globalSetup of both projects) so that
 * every database the tests create starts from them instead of running initdb again (src/team/db/pglite.ts
 * startNewDatabasesFrom). Migrations still run on each database, as on a site's first start.
 */
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

const FILE = path.join(os.tmpdir(), `pia-test-pglite-${process.pid}.tar`);

const makeTemplate = async (): Promise<string> => {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const files = await db.dumpDataDir('none');
  await db.close();
  await writeFile(FILE, new Uint8Array(await files.arrayBuffer()));
  return FILE;
};

// Both projects' setups run in the one vitest process, perhaps at once: the template is made once.
const shared = globalThis as { piaPgliteTemplate?: Promise<string> };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  project.provide('pgliteTemplate', await (shared.piaPgliteTemplate ??= makeTemplate()));
  return () => rm(FILE, { force: true });
}
