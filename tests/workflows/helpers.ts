import { readFile, writeFile } from 'node:fs/promises';
import { openAssessmentFile } from '../../src/store/index.js';
import { fixedClock, type Clock, type Workflow } from '../../src/workflows/index.js';
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

/** The internal review of revision n: asked for by its author, approved by someone else (both by name, as `pia` does). */
export const approveRevision = async (workflow: Workflow, n: number, author = '健康課 伊勢'): Promise<void> => {
  const { setRevisionStatus } = await import('../../src/workflows/index.js');
  await setRevisionStatus(workflow, n, { status: 'review', by: author });
  await setRevisionStatus(workflow, n, { status: 'approved', by: '健康課長 確認' });
};
