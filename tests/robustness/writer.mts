/**
 * A writer in its own process, for the kill -9 and race tests: it drives the workflows on one assessment file and
 * prints a line for every write the store acknowledged, so the test knows what must survive a kill.
 *   save <file>                 forever: cover.specialNotes = "save-<i>", compare-and-swap
 *   commit <file>               forever: an edit, then a commit of the next revision
 *   append <file> <tag> <n>     n times: append "<tag>-<i>" to cover.specialNotes, retrying on conflicts
 */
import { isAppError } from '../../src/errors.js';
import { openAssessmentFile } from '../../src/store/index.js';
import { commitRevision, readDraft, saveDraft, systemClock, type Workflow } from '../../src/workflows/index.js';

const [mode, file, tag = 'w', count = '0'] = process.argv.slice(2);
const workflow: Workflow = { store: await openAssessmentFile(file!), clock: systemClock };

const cover = (data: Record<string, unknown>): Record<string, unknown> => data['cover'] as Record<string, unknown>;

/** Read, change, compare-and-swap; on a conflict read again, as every writer must. */
const update = async (change: (data: Record<string, unknown>) => void): Promise<void> => {
  for (;;) {
    const draft = await readDraft(workflow);
    const data = structuredClone(draft.data);
    change(data);
    try {
      await saveDraft(workflow, data, draft.etag);
      return;
    } catch (error) {
      if (!isAppError(error) || (error.code !== 'REVISION_CONFLICT' && error.code !== 'ASSESSMENT_BUSY')) throw error;
    }
  }
};

const say = (line: string): Promise<void> => new Promise((resolve) => process.stdout.write(`${line}\n`, () => resolve()));

if (mode === 'save') {
  for (let i = 1; ; i += 1) {
    await update((data) => (cover(data)['specialNotes'] = `save-${i}`));
    await say(`saved ${i}`);
  }
} else if (mode === 'commit') {
  for (let i = 1; ; i += 1) {
    await update((data) => (cover(data)['specialNotes'] = `commit-${process.pid}-${i}`));
    const { revision } = await commitRevision(workflow, { message: `kill test ${i}`, author: 'robustness' });
    await say(`committed ${revision.number}`);
  }
} else if (mode === 'append') {
  for (let i = 1; i <= Number(count); i += 1) {
    await update((data) => (cover(data)['specialNotes'] = `${String(cover(data)['specialNotes'] ?? '')}\n${tag}-${i}`));
    await say(`appended ${tag}-${i}`);
  }
} else {
  throw new Error(`unknown mode ${mode}`);
}
