/**
 * kill -9 during saves and commits (a handful of kills; `npx tsx stress/workflow.stress.mts` runs hundreds): no
 * acknowledged save is lost, no revision exists without its rows, no temp file survives the next open, and a commit
 * retried after the kill is never refused for a commit that did not happen.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAssessmentFile } from '../../src/store/index.js';
import { commitRevision, compareVersions, listRevisions, readDraft, systemClock } from '../../src/workflows/index.js';
import { useSeedCopy } from '../helpers/seeds.js';
import { acknowledged, killSoon, startWriter, useWriterBundle } from './processes.js';

useWriterBundle();

const KILLS = 2;

const copy = useSeedCopy('004-ise-yobosesshu');

const leftovers = async (): Promise<string[]> => {
  const dir = path.dirname(copy.file);
  const names = [...(await readdir(dir)), ...(await readdir(path.join(dir, 'revisions')).catch(() => []))];
  return names.filter((name) => name.includes('.tmp-'));
};

describe('kill -9', () => {
  it('during saves: the draft always parses and holds at least the last acknowledged save; temp files go on open', { timeout: 180_000 }, async () => {
    for (let kill = 0; kill < KILLS; kill += 1) {
      const writer = await startWriter(['save', copy.file]);
      await acknowledged(writer, 3);
      await killSoon(writer, 150);
      const last = Number(writer.lines.at(-1)!.split(' ')[1]);
      const store = await openAssessmentFile(copy.file);
      expect(await leftovers()).toEqual([]);
      const notes = String(((await store.readDraft()).data['cover'] as Record<string, unknown>)['specialNotes']);
      expect(Number(notes.replace('save-', ''))).toBeGreaterThanOrEqual(last);
    }
  });

  it('during commits: every revision holds its rows, and a retry commits (no 409 for a commit that did not happen)', { timeout: 180_000 }, async () => {
    for (let kill = 0; kill < KILLS; kill += 1) {
      const writer = await startWriter(['commit', copy.file]);
      await acknowledged(writer, 1);
      await killSoon(writer, 300);
      const workflow = { store: await openAssessmentFile(copy.file), clock: systemClock };
      expect(await leftovers()).toEqual([]);
      const history = await listRevisions(workflow);
      for (const revision of history) {
        const text = await readFile(path.join(path.dirname(copy.file), 'revisions', `${String(revision.number).padStart(4, '0')}.yaml`), 'utf8');
        expect(text).toMatch(/^rows:/m);
        // Its rows are its changes against its predecessor, stored with it: none lost to the kill.
        const own = revision.predecessor === 0 ? [] : (await compareVersions(workflow, revision.predecessor, revision.number)).candidates;
        expect(revision.rows.map((row) => row.pointer)).toEqual(own.map((change) => change.pointer));
      }
      const latest = history.at(-1)?.number ?? 0;
      const retried = await commitRevision(workflow, { message: 'retry', author: 'robustness', baseRevision: latest });
      expect(retried.revision.number).toBe(latest + 1);
      expect((await readDraft(workflow)).issues).toEqual([]);
    }
  });
});
