/**
 * Reading revisions (issue 16.10): GET /api/assessments/001/revisions with 100 frozen revisions of the 全項目 sample,
 * first after start (headers read from disk) and again (kept). Each revision file holds the whole 200 KB document;
 * listing reads only the text before its `assessment:` key. Goal: fast, and no parse of the documents.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildServer } from '../src/server/app.js';
import { openAssessmentFile } from '../src/store/index.js';
import { sampleMemory } from './support.mjs';

const SAMPLE = '001-kitakyushu-yobosesshu';
const REVISIONS = 100;

/** 100 revisions written straight through the store (a bench fixture: no diff per commit). */
const hundredRevisions = async (file: string): Promise<void> => {
  const store = await openAssessmentFile(file);
  const draft = await store.readDraft();
  for (let number = 1; number <= REVISIONS; number += 1) {
    const info = { number, createdAt: '2025-08-29T00:00:00.000Z', author: 'bench', message: `第${number}版`, changeDate: '2025-08-29', baseRevision: number - 1, predecessor: number - 1 };
    await store.transact((writer) => writer.commitRevision({ info, rows: [], form: draft.form!, data: draft.data, comments: draft.parsed.doc }));
  }
};

export const benchRevisionList = async (): Promise<void> => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pia-bench-revisions-'));
  try {
    await cp(path.join('assessments', SAMPLE), path.join(dataDir, SAMPLE), { recursive: true });
    await hundredRevisions(path.join(dataDir, SAMPLE, 'assessment.yaml'));
    const app = buildServer({ dataDir, uiDir: dataDir, templatesDir: 'templates', logLevel: 'silent' });
    await app.ready();
    const times: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      const response = await app.inject({ method: 'GET', url: `/api/assessments/${SAMPLE}/revisions` });
      if (response.statusCode !== 200) throw new Error(`GET /revisions answered ${response.statusCode}`);
      times.push(`${(performance.now() - start).toFixed(0)} ms`);
    }
    await app.close();
    sampleMemory();
    console.log(`  GET /revisions, ${REVISIONS} revisions of ${SAMPLE.slice(0, 3)}: first ${times[0]}, then ${times.slice(1).join(', ')}   (goal: well under 1 s; before: 2.75 s, parsing every revision)`);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
};
