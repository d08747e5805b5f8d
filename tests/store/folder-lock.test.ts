import { spawnSync } from 'node:child_process';
import { mkdir, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.js';
import { openAssessmentFile } from '../../src/store/index.js';
import { ROOT, useSeedCopy } from '../helpers/seeds.js';

const copy = useSeedCopy('004-ise-yobosesshu');

/** The pid of a process that has ended: nothing runs under it any more. */
const deadPid = (): number =>
  Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

const lockFile = (): string => path.join(path.dirname(copy.file), '.pia.lock');
const holder = (pid: number): string => JSON.stringify({ pid, host: os.hostname(), token: 'test' });

const save = async (): Promise<void> => {
  const store = await openAssessmentFile(copy.file);
  const draft = await store.readDraft();
  await store.transact((writer) => writer.saveDraft(draft.data, draft.etag));
};

describe('the folder write lock', () => {
  it('breaks the lock of a writer that died (kill -9), and leaves none behind', async () => {
    await writeFile(lockFile(), holder(deadPid()));
    await save();
    expect(await readdir(path.dirname(copy.file))).toEqual(['assessment.yaml']);
  });

  it('waits for a live writer: the save happens only once its lock is gone', async () => {
    await writeFile(lockFile(), holder(process.pid));
    let released = false;
    const saving = save().then(() => released);
    await new Promise((resolve) => setTimeout(resolve, 300));
    released = true;
    await rm(lockFile());
    expect(await saving).toBe(true);
  });

  it('removes only its own lock: one that replaced it while held (broken as stale) stays', async () => {
    const store = await openAssessmentFile(copy.file);
    const draft = await store.readDraft();
    const other = holder(process.pid + 1);
    await store.transact(async (writer) => {
      await writer.saveDraft(draft.data, draft.etag);
      await rm(lockFile());
      await writeFile(lockFile(), other);
    });
    expect(await readFile(lockFile(), 'utf8')).toBe(other);
  });

  it('breaks an empty lock left by a writer that died between creating and filling it, once it is old', async () => {
    await writeFile(lockFile(), '');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockFile(), old, old);
    await save();
    expect(await readdir(path.dirname(copy.file))).toEqual(['assessment.yaml']);
  });
});

describe('temp files left by crashes', () => {
  const temps = async () => {
    const dir = path.dirname(copy.file);
    await mkdir(path.join(dir, 'revisions'));
    const dead = deadPid();
    const names = {
      deadDraft: path.join(dir, `.assessment.yaml.tmp-${dead}-0a1b2c3d`),
      deadRevision: path.join(dir, 'revisions', `.0001.yaml.tmp-${dead}-0a1b2c3d`),
      liveDraft: path.join(dir, `.assessment.yaml.tmp-${process.pid}-0a1b2c3d`),
    };
    for (const name of Object.values(names)) await writeFile(name, 'partial');
    return names;
  };

  it('are removed when pia opens the assessment, unless a live writer may still own them', async () => {
    await temps();
    await openAssessmentFile(copy.file);
    expect((await readdir(path.dirname(copy.file))).sort()).toEqual([`.assessment.yaml.tmp-${process.pid}-0a1b2c3d`, 'assessment.yaml', 'revisions']);
    expect(await readdir(path.join(path.dirname(copy.file), 'revisions'))).toEqual([]);
  });

  it('are removed when the server starts', async () => {
    await temps();
    const app = buildServer({ dataDir: copy.dir, uiDir: copy.dir, templatesDir: path.join(ROOT, 'templates'), logLevel: 'silent' });
    await app.ready();
    await app.close();
    expect(await readdir(path.join(path.dirname(copy.file), 'revisions'))).toEqual([]);
    expect((await readdir(path.dirname(copy.file))).filter((name) => name.includes('.tmp-')).length).toBe(1);
  });
});
