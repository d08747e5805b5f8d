import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfirmedRow, RevisionInfo } from '../../src/domain/revision.js';
import { openAssessmentFile, rowsEtagOf, type AssessmentStore, type StoreOptions } from '../../src/store/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { useSeedCopy } from '../helpers/seeds.js';

const copy = useSeedCopy('004-ise-yobosesshu');

const revisionsDir = (): string => path.join(copy.dir, '004-ise-yobosesshu', 'revisions');
const revisionFiles = async (): Promise<string[]> => (await readdir(revisionsDir())).sort();

const row: ConfirmedRow = {
  date: '2025-10-01',
  item: 'Ⅲ　リスク対策\n８．監査\n実施の有無',
  before: '[ ]外部監査',
  after: '[○]外部監査',
  timing: '事前',
  explanation: '重要な変更にあたる項目',
  pointer: '/files/0/riskMeasures/audit/implementation',
  important: true,
};

const info = (number: number): RevisionInfo => ({
  number,
  createdAt: '2025-08-20T09:00:00.000Z',
  author: '健康課 伊勢',
  message: `第${number}版`,
  changeDate: '2025-08-19',
  baseRevision: number - 1,
  predecessor: number - 1,
});

/** What a commit writes, straight through the store (the workflow decides the number, rows and checks). */
const commit = async (store: AssessmentStore, number: number, rows: readonly ConfirmedRow[] = []): Promise<void> => {
  const draft = await store.readDraft();
  await store.transact((writer) =>
    writer.commitRevision({ info: info(number), rows, form: draft.form!, data: draft.data, comments: draft.parsed.doc }),
  );
};

const open = (options: StoreOptions = {}): Promise<AssessmentStore> => openAssessmentFile(copy.file, options);

describe('revision store', () => {
  it('writes a revision as ONE file holding its facts, its starting rows and the draft (comments kept)', async () => {
    const store = await open();
    await commit(store, 1, [row]);
    expect(await revisionFiles()).toEqual(['0001.yaml']);
    const text = await readFile(path.join(revisionsDir(), '0001.yaml'), 'utf8');
    expect(text.indexOf('revision:')).toBeLessThan(text.indexOf('rows:'));
    expect(text.indexOf('rows:')).toBeLessThan(text.indexOf('assessment:'));
    expect(text).toContain('# 不確実:');
    const [listed] = await store.listRevisions();
    expect(listed).toMatchObject({ ...info(1), status: 'draft', statusLog: [], rows: [row], rowsEtag: rowsEtagOf([row]) });
    expect((await store.readRevision(1)).data).toEqual((await store.readDraft()).data);
  });

  it('lists revisions from what precedes `assessment:` only: a body that no longer parses does not matter', async () => {
    const store = await open();
    await commit(store, 1);
    const frozen = path.join(revisionsDir(), '0001.yaml');
    await writeFile(frozen, `${await readFile(frozen, 'utf8')}  broken: [unclosed\n`);
    // A fresh store: nothing cached.
    expect((await (await open()).listRevisions()).map((revision) => revision.message)).toEqual(['第1版']);
    expect((await expectAppError((await open()).readRevision(1))).code).toBe('YAML_SYNTAX');
  });

  it('confirmed rows replace the starting rows in a file of their own; the frozen file is never rewritten', async () => {
    const store = await open();
    await commit(store, 1, [row]);
    const frozen = await readFile(path.join(revisionsDir(), '0001.yaml'), 'utf8');
    const edited = { ...row, timing: '事後' as const };
    await store.transact((writer) => writer.saveRows(1, [edited]));
    await store.transact((writer) => writer.saveRows(1, []));
    expect(await readFile(path.join(revisionsDir(), '0001.yaml'), 'utf8')).toBe(frozen);
    const [listed] = await store.listRevisions();
    expect(listed!.rows).toEqual([]);
    expect(listed!.rowsEtag).toBe(rowsEtagOf([]));
  });

  it('keeps the status as an append-only log: one immutable file per step', async () => {
    const store = await open();
    await commit(store, 1);
    const steps = [
      { status: 'submitted' as const, at: '2025-10-01T01:00:00.000Z', by: '山田' },
      { status: 'withdrawn' as const, at: '2025-10-02T01:00:00.000Z', by: '佐藤', reason: '記載誤り' },
    ];
    for (const step of steps) await store.transact((writer) => writer.appendStatus(1, step));
    expect(await revisionFiles()).toEqual(['0001.event-0001.yaml', '0001.event-0002.yaml', '0001.yaml']);
    const [listed] = await store.listRevisions();
    expect(listed).toMatchObject({ status: 'withdrawn', statusLog: steps });
  });

  it('reads revisions written by earlier versions: rows and state in files beside it, no rows at all, no predecessor', async () => {
    const store = await open();
    await commit(store, 1);
    const legacy = (await readFile(path.join(revisionsDir(), '0001.yaml'), 'utf8')).replace(/^rows: \[\]\n/m, '').replace(/^ {2}predecessor: 0\n/m, '');
    await writeFile(path.join(revisionsDir(), '0002.yaml'), legacy.replace('number: 1', 'number: 2').replace('baseRevision: 0', 'baseRevision: 1'));
    await writeFile(path.join(revisionsDir(), '0001.yaml'), legacy);
    await writeFile(path.join(revisionsDir(), '0001.rows.yaml'), `rows:\n  - date: 2025-10-01\n    item: 項目\n    before: a\n    after: b\n    timing: 事後\n    explanation: ''\n    important: false\n`);
    await writeFile(path.join(revisionsDir(), '0001.status.yaml'), 'status: published\nchangedAt: 2025-09-01T00:00:00.000Z\n');
    await store.transact((writer) => writer.appendStatus(2, { status: 'submitted', at: '2025-10-03T00:00:00.000Z', by: '山田' }));
    const [first, second] = await (await open()).listRevisions();
    expect(first).toMatchObject({ predecessor: 0, status: 'published', statusLog: [{ status: 'published', at: '2025-09-01T00:00:00.000Z', by: '' }] });
    expect(first!.rows).toHaveLength(1);
    // Never stored rows: the workflow proposes them against the predecessor (rows undefined, not "no changes").
    expect(second).toMatchObject({ predecessor: 1, baseRevision: 1, status: 'submitted', rows: undefined });
  });

  it('a crash between the temp file and the link leaves no revision and no temp file; a taken number is a conflict', async () => {
    const crash = { beforeRename: () => Promise.reject(new Error('power cut')) };
    const failed = await expectAppError(commit(await open({ hooks: crash }), 1));
    expect(failed.code).toBe('WRITE_FAILED');
    expect(failed.messageJa).toContain('前回保存した内容はそのまま残っています');
    expect(await revisionFiles()).toEqual([]);
    await commit(await open(), 1);
    const taken = await expectAppError(commit(await open(), 1));
    expect(taken.code).toBe('REVISION_CONFLICT');
  });

  it('unknown revisions and malformed rows are clear errors, and nothing is written', async () => {
    const store = await open();
    expect((await expectAppError(store.readRevision(3))).code).toBe('REVISION_NOT_FOUND');
    await commit(store, 1);
    const bad = await expectAppError(store.transact((writer) => writer.saveRows(1, [{ ...row, timing: '後で' as '事後' }])));
    expect(bad.messageJa).toContain('1行目: 提出時期は「事前」か「事後」です');
    expect(await revisionFiles()).toEqual(['0001.yaml']);
  });
});
