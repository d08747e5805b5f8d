/**
 * Racing writers across processes: a writer process, this process's workflow and the CLI (pia format, pia
 * acknowledge) all write one draft at once. Every write is a compare-and-swap under the folder lock, so none is
 * silently overwritten: each acknowledged append is in the final draft.
 */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/errors.js';
import { openAssessmentFile } from '../../src/store/index.js';
import { readDraft, saveDraft, systemClock, type Workflow } from '../../src/workflows/index.js';
import { pia } from '../helpers/cli.js';
import { useSeedCopy } from '../helpers/seeds.js';
import { startWriter, useWriterBundle } from './processes.js';

useWriterBundle();

const APPENDS = 15;

const copy = useSeedCopy('004-ise-yobosesshu');

const notesOf = (data: Record<string, unknown>): string => String((data['cover'] as Record<string, unknown>)['specialNotes'] ?? '');

/** This process's writer: the same read-change-swap loop as the other process's. */
const appendHere = async (workflow: Workflow, tag: string): Promise<string[]> => {
  const done: string[] = [];
  for (let i = 1; i <= APPENDS; i += 1) {
    for (;;) {
      const draft = await readDraft(workflow);
      const data = structuredClone(draft.data);
      (data['cover'] as Record<string, unknown>)['specialNotes'] = `${notesOf(data)}\n${tag}-${i}`;
      try {
        await saveDraft(workflow, data, draft.etag);
        break;
      } catch (error) {
        if (!isAppError(error) || error.code !== 'REVISION_CONFLICT') throw error;
      }
    }
    done.push(`${tag}-${i}`);
  }
  return done;
};

describe('racing writers', () => {
  it('another process, this process and pia commands: no acknowledged write is lost', { timeout: 180_000 }, async () => {
    const other = await startWriter(['append', copy.file, 'other', String(APPENDS)]);
    const workflow = { store: await openAssessmentFile(copy.file), clock: systemClock };
    let cliRuns = 0;
    let cliConflicts = 0;
    const cli = (async () => {
      while (other.child.exitCode === null) {
        const { code, err } = await pia(['format', copy.file]);
        cliRuns += 1;
        if (code !== 0) {
          expect(err).toContain('書き込みませんでした');
          cliConflicts += 1;
        }
      }
    })();
    const mine = await appendHere(workflow, 'here');
    expect(await other.exited).toBe(0);
    await cli;
    const theirs = other.lines.map((line) => line.replace('appended ', ''));
    expect(theirs).toHaveLength(APPENDS);
    const notes = notesOf((await readDraft(workflow)).data).split('\n');
    expect([...mine, ...theirs].filter((entry) => !notes.includes(entry))).toEqual([]);
    expect(cliRuns).toBeGreaterThan(0);
    expect(cliConflicts).toBeLessThanOrEqual(cliRuns);
  });
});
