import path from 'node:path';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { afterEach, beforeEach } from 'vitest';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** The three real published assessments, as transcribed into assessments/, with their source text. */
export const SEEDS = [
  { id: '001', dir: '001-kitakyushu-yobosesshu', form: 'yoshiki4', seedText: '001_32f11d2c9b325af6.txt' },
  { id: '002', dir: '002-nagaoka-covid19', form: 'yoshiki3', seedText: '002_a2768fa781a9a519.txt' },
  { id: '004', dir: '004-ise-yobosesshu', form: 'yoshiki3', seedText: '004_0d563314cb234c29.txt' },
] as const;

export const seedFile = (dir: string): string => path.join(ROOT, 'assessments', dir, 'assessment.yaml');

/**
 * Documents of shapes the samples do not have, made by editing them (each file's header says how): a 平成30年５月
 * 様式４ with two 特定個人情報ファイル, and a 令和６年10月 様式３ whose business has ended.
 */
export const FIXTURES = ['h30-yoshiki4-two-files', 'r6-yoshiki3-ended'] as const;
export const fixtureFile = (name: string): string => path.join(ROOT, 'tests', 'fixtures', 'assessments', name, 'assessment.yaml');
export const seedTextFile = (name: string): string => path.join(ROOT, 'tests', 'fixtures', 'seeds', name);
export const formReference = (form: string): string => path.join(ROOT, 'tests', 'fixtures', 'forms', `${form}.md`);

export const makeTempDir = async (): Promise<{ dir: string; cleanup: () => Promise<void> }> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pia-test-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
};

/** A copy of a seed assessment in `<dir>/<seed>/assessment.yaml`, for tests that write beside it (revisions). */
export const copySeed = async (dir: string, seedDir: string): Promise<string> => {
  await mkdir(path.join(dir, seedDir));
  const file = path.join(dir, seedDir, 'assessment.yaml');
  await copyFile(seedFile(seedDir), file);
  return file;
};

/** A fresh temp copy of a seed for every test of the file; read `dir` and `file` inside tests (beforeEach fills them). */
export const useSeedCopy = (seedDir: string): { dir: string; file: string } => {
  const current = {} as { dir: string; file: string; cleanup: () => Promise<void> };
  beforeEach(async () => {
    const temp = await makeTempDir();
    Object.assign(current, { dir: temp.dir, cleanup: temp.cleanup, file: await copySeed(temp.dir, seedDir) });
  });
  afterEach(() => current.cleanup());
  return current;
};
