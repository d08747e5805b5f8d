import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAssessmentFile } from '../../src/store/index.js';
import {
  TRANSITIONS,
  commitRevision,
  compareVersions,
  listRevisions,
  printSource,
  readRevision,
  saveRevisionRows,
  setRevisionStatus,
} from '../../src/workflows/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { approveRevision, editFile, sceneOf, type Scene } from './helpers.js';

let scene: Scene;
beforeEach(async () => {
  scene = await sceneOf('004-ise-yobosesshu');
});
afterEach(() => scene.cleanup());

const commit = (message: string, changeDate?: string) =>
  commitRevision(scene.workflow, { message, author: '健康課 伊勢', ...(changeDate ? { changeDate } : {}) });
const step = (n: number, status: 'submitted' | 'published' | 'withdrawn', reason?: string) =>
  setRevisionStatus(scene.workflow, n, { status, by: '健康課 伊勢', ...(reason ? { reason } : {}) });
/** 提出: after the internal review, as the state table requires. */
const submit = async (n: number) => {
  await approveRevision(scene.workflow, n);
  await step(n, 'submitted');
};

describe('commitRevision', () => {
  it('freezes the acknowledged WARNs with the revision: a later change to the draft leaves the revision’s as they were', async () => {
    const ack = { ruleId: 'consignment.count', pointer: '/files/0/overview/consignment/status/count', reason: '件数は次回の修正で直す' };
    await editFile(scene.file, 'changeHistory:', `acknowledgements:\n  - ruleId: ${ack.ruleId}\n    pointer: ${ack.pointer}\n    reason: ${ack.reason}\nchangeHistory:`);
    await commit('確認済みの警告を記録');
    await editFile(scene.file, `reason: ${ack.reason}`, 'reason: 公表済みのとおり');
    expect((await readRevision(scene.workflow, 1)).data['acknowledgements']).toEqual([ack]);
  });

  it('stores the starting rows against the predecessor in the revision itself, and stamps createdAt from the clock', async () => {
    await commit('初回公表');
    await editFile(scene.file, 'externalAudit: false', 'externalAudit: true');
    const { revision } = await commit('外部監査を追加', '2025-10-01');
    expect(revision).toMatchObject({ number: 2, predecessor: 1, createdAt: '2025-10-01T00:00:00.000Z' });
    expect(revision.rows.map((row) => row.pointer)).toEqual(['/files/0/riskMeasures/audit/implementation']);
  });

  it('a revision an earlier version committed without rows still shows its changes (proposed against its predecessor)', async () => {
    await commit('初回公表');
    await editFile(scene.file, 'externalAudit: false', 'externalAudit: true');
    await commit('外部監査を追加', '2025-10-01');
    const frozen = path.join(path.dirname(scene.file), 'revisions', '0002.yaml');
    const { readFile } = await import('node:fs/promises');
    await writeFile(frozen, (await readFile(frozen, 'utf8')).replace(/^rows:\n(?: {2}.*\n| {4}.*\n)*/m, ''));
    const fresh = { ...scene.workflow, store: await openAssessmentFile(scene.file) };
    expect((await listRevisions(fresh))[1]!.rows.map((row) => row.pointer)).toEqual(['/files/0/riskMeasures/audit/implementation']);
  });

  it('refuses a blank author and a 変更日 that is no date, before anything is written', async () => {
    expect((await expectAppError(commitRevision(scene.workflow, { message: 'x', author: ' ' }))).code).toBe('AUTHOR_REQUIRED');
    const date = await expectAppError(commitRevision(scene.workflow, { message: 'x', author: 'y', changeDate: '2025-02-30' }));
    expect(date.messageJa).toContain('変更日は YYYY-MM-DD の形式の実在する日付で指定してください');
    expect(await listRevisions(scene.workflow)).toEqual([]);
  });
});

describe('the state table', () => {
  it('offers 確認依頼 and 取下げ from 作成中, 提出 only after 承認, 公表 and 取下げ from 提出済み, 公表終了 from 公表済み, nothing from 取下げ', () => {
    const from = (status: string) => TRANSITIONS.filter((t) => t.from === status).map((t) => t.to);
    expect(from('draft')).toEqual(['review', 'withdrawn']);
    expect(from('approved')).toEqual(['consultation', 'inspection', 'awaiting', 'submitted', 'withdrawn']);
    expect(TRANSITIONS.filter((t) => t.to === 'submitted').map((t) => t.from)).toEqual(['approved']);
    expect(from('submitted')).toEqual(['published', 'withdrawn']);
    expect(from('published')).toEqual(['unpublished']);
    expect(from('withdrawn')).toEqual([]);
    expect(new Set(TRANSITIONS.filter((t) => t.reasonRequired).map((t) => t.to))).toEqual(new Set(['withdrawn']));
  });

  it('withdraws only the newest revision of the record, and skips a withdrawn one as predecessor', async () => {
    await commit('初回公表');
    await editFile(scene.file, 'externalAudit: false', 'externalAudit: true');
    await commit('外部監査を追加', '2025-10-01');
    const refused = await expectAppError(step(1, 'withdrawn', '誤り'));
    expect(refused.messageJa).toBe('第1版の後に第2版があるため、第1版は取り下げられません。先に第2版を取り下げてください。');
    await step(2, 'withdrawn', '外部監査の契約前');
    await editFile(scene.file, 'headTitle: 健康課長', 'headTitle: 健康課課長');
    const { revision } = await commit('再提出', '2025-11-01');
    expect(revision.predecessor).toBe(1);
    // The withdrawn revision's change is carried by the new one: both rows, once.
    expect(revision.rows.map((row) => row.pointer)).toEqual(['/basicInfo/department/headTitle', '/files/0/riskMeasures/audit/implementation']);
  });

  it('after submission the rows are frozen for every front end (the workflow refuses, whatever the etag)', async () => {
    await commit('初回公表');
    await submit(1);
    const [revision] = await listRevisions(scene.workflow);
    const error = await expectAppError(saveRevisionRows(scene.workflow, 1, [], revision!.rowsEtag));
    expect([error.code, error.status]).toEqual(['REVISION_FROZEN', 423]);
  });
});

describe('distant revisions and the appendix', () => {
  it('第2版 changes Ⅰ６②, 第3版 changes Ⅰ１①: compare 第1版→第3版 shows each stored row once, read-only; the PDF prints each once', async () => {
    await commit('公表版', '2025-08-19');
    // Not ③対象人数: a smaller bucket would change the しきい値判断 the printed ranges now settle, an ERROR.
    await editFile(scene.file, '    headTitle: 健康課長', '    headTitle: 健康課長（兼務）');
    await commit('６②所属長', '2025-10-01');
    await editFile(scene.file, 'name: 予防接種に関する事務', 'name: 予防接種及び健康被害救済に関する事務');
    await commit('①事務の名称', '2025-11-01');
    const distant = await compareVersions(scene.workflow, 1, 3);
    expect(distant).toMatchObject({ source: 'range', rowsOf: [2, 3], editable: false });
    expect(distant.rowsEtag).toBeUndefined();
    expect(distant.rows.map((row) => row.date)).toEqual(['2025-10-01', '2025-11-01']);
    const [, , third] = await listRevisions(scene.workflow);
    const error = await expectAppError(saveRevisionRows(scene.workflow, 3, distant.rows, third!.rowsEtag));
    expect(error.code).toBe('ROW_NOT_IN_REVISION');
    for (const n of [1, 2, 3]) await submit(n);
    const { changeRows } = await printSource(scene.workflow);
    const generated = changeRows.filter((row) => (row.date ?? '') >= '2025-10-01');
    expect(generated.map((row) => row.date)).toEqual(['2025-10-01', '2025-11-01']);
  });
});
