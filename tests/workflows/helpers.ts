import { readFile, writeFile } from 'node:fs/promises';
import { openAssessmentFile, openLibrary, openSnippetStore, type Library, type SnippetStore } from '../../src/store/index.js';
import { fixedClock, type Clock, type Workflow } from '../../src/workflows/index.js';
import { copyLibrary } from '../helpers/renewal.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';

export type Scene = { workflow: Workflow; file: string; cleanup: () => Promise<void> };

/** A copy of a seed in a temp folder, with the workflow context on it (clock fixed unless given). */
export const sceneOf = async (seed: string, clock: Clock = fixedClock('2025-10-01')): Promise<Scene> => {
  const temp = await makeTempDir();
  const file = await copySeed(temp.dir, seed);
  return { workflow: { store: await openAssessmentFile(file), clock }, file, cleanup: temp.cleanup };
};

/** Edit the draft file as a text editor would (outside the workflows). */
export const editFile = async (file: string, from: string, to: string): Promise<void> => {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  await writeFile(file, text.replace(from, to));
};

export type FolderScene = {
  dir: string;
  library: Library;
  snippets: SnippetStore;
  clock: Clock;
  /** The workflow context of one assessment of the folder, with the folder's library. */
  workflow: (id: string) => Workflow;
  cleanup: () => Promise<void>;
};

/** A data folder in a temp directory: copies of the given seeds and the bundled standard-text library. */
export const folderOf = async (seeds: readonly string[], clock: Clock = fixedClock('2025-10-01')): Promise<FolderScene> => {
  const temp = await makeTempDir();
  for (const seed of seeds) await copySeed(temp.dir, seed);
  await copyLibrary(temp.dir);
  const library = openLibrary(temp.dir);
  const snippets = openSnippetStore(temp.dir);
  return { dir: temp.dir, library, snippets, clock, workflow: (id) => ({ store: library.assessment(id), clock, snippets }), cleanup: temp.cleanup };
};

/** The internal review of revision n: asked for by its author, approved by someone else (both by name, as `pia` does). */
export const approveRevision = async (workflow: Workflow, n: number, author = '健康課 伊勢'): Promise<void> => {
  const { setRevisionStatus } = await import('../../src/workflows/index.js');
  await setRevisionStatus(workflow, n, { status: 'review', by: author });
  await setRevisionStatus(workflow, n, { status: 'approved', by: '健康課長 確認' });
};
