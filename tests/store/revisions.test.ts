import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Yoshiki3Assessment } from '../../src/domain/assessment.gen.js';
import type { ConfirmedRow } from '../../src/domain/revision.js';
import { isAppError, type AppError } from '../../src/errors.js';
import {
  commitRevision,
  listRevisions,
  readRevision,
  saveConfirmedRows,
  setRevisionStatus,
  loadAssessment,
} from '../../src/store/index.js';
import { copySeed, makeTempDir } from '../helpers/seeds.js';
import { expectAppError } from '../helpers/app-error.js';

let temp: { dir: string; cleanup: () => Promise<void> };
let file: string;
beforeEach(async () => {
  temp = await makeTempDir();
  file = await copySeed(temp.dir, '004-ise-yobosesshu');
});
afterEach(() => temp.cleanup());

const commit = (message: string, extra: { baseRevision?: number } = {}) =>
  commitRevision(file, { message, author: '健康課 伊勢', changeDate: '2025-08-19', now: new Date('2025-08-20T09:00:00Z'), ...extra });

const edit = async (from: string, to: string): Promise<void> => {
  const text = await readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  await writeFile(file, text.replace(from, to));
};

const revisionFiles = async (): Promise<string[]> => (await readdir(path.join(temp.dir, '004-ise-yobosesshu', 'revisions'))).sort();

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

describe('revision store', () => {
  it('freezes the acknowledged WARNs with the revision: a later change to the draft leaves the revision’s as they were', async () => {
    const ack = { ruleId: 'consignment.count', pointer: '/files/0/overview/consignment/status/count', reason: '件数は次回の修正で直す' };
    await writeFile(file, `${await readFile(file, 'utf8')}acknowledgements:\n  - ruleId: ${ack.ruleId}\n    pointer: ${ack.pointer}\n    reason: ${ack.reason}\n`);
    await commit('確認済みの警告を記録');
    await edit(`reason: ${ack.reason}`, 'reason: 公表済みのとおり');
    expect((await readRevision(file, 1)).data['acknowledgements']).toEqual([ack]);
    expect((await loadAssessment(file)).data['acknowledgements']).toEqual([{ ...ack, reason: '公表済みのとおり' }]);
  });

  it('commits numbered, frozen revisions with their metadata and the draft’s content (comments kept)', async () => {
    const first = await commit('初回公表');
    await edit('externalAudit: false', 'externalAudit: true');
    const second = await commit('外部監査を追加');
    expect([first.number, second.number, second.baseRevision]).toEqual([1, 2, 1]);
    expect(await revisionFiles()).toEqual(['0001.yaml', '0002.yaml']);
    const listed = await listRevisions(file);
    expect(listed.map((r) => [r.number, r.message, r.author, r.changeDate, r.status, r.createdAt])).toEqual([
      [1, '初回公表', '健康課 伊勢', '2025-08-19', 'draft', '2025-08-20T09:00:00.000Z'],
      [2, '外部監査を追加', '健康課 伊勢', '2025-08-19', 'draft', '2025-08-20T09:00:00.000Z'],
    ]);
    const one = await readRevision(file, 1);
    const draft = await loadAssessment(file);
    expect(one.form).toBe('yoshiki3');
    expect((one.data as unknown as Yoshiki3Assessment).files[0]!.riskMeasures.audit.implementation.externalAudit).toBe(false);
    expect((await readRevision(file, 2)).data).toEqual(draft.data);
    expect(await readFile(path.join(temp.dir, '004-ise-yobosesshu', 'revisions', '0001.yaml'), 'utf8')).toContain('# 不確実:');
  });

  it('rows and status are stored beside the revision without rewriting its frozen file', async () => {
    await commit('初回公表');
    const frozen = path.join(temp.dir, '004-ise-yobosesshu', 'revisions', '0001.yaml');
    const bytes = await readFile(frozen, 'utf8');
    await saveConfirmedRows(file, 1, [row]);
    await setRevisionStatus(file, 1, 'submitted');
    await setRevisionStatus(file, 1, 'published');
    expect(await readFile(frozen, 'utf8')).toBe(bytes);
    const revision = await readRevision(file, 1);
    expect(revision.status).toBe('published');
    expect(revision.rows).toEqual([row]);
    expect(await revisionFiles()).toEqual(['0001.rows.yaml', '0001.status.yaml', '0001.yaml']);
  });

  it('two commits racing on the same base: one wins, the other is a REVISION_CONFLICT, nothing is lost', async () => {
    await commit('初回公表');
    await edit('externalAudit: false', 'externalAudit: true');
    const results = await Promise.allSettled([commit('A', { baseRevision: 1 }), commit('B', { baseRevision: 1 })]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isAppError(lost[0]) && lost[0].code).toBe('REVISION_CONFLICT');
    expect((lost[0] as AppError).messageJa).toMatch(/改訂1をもとに編集している間に、改訂2が作られました。作業中の評価書はそのまま残っています。/);
    expect((await listRevisions(file)).map((r) => r.number)).toEqual([1, 2]);
    expect(await readFile(file, 'utf8')).toContain('externalAudit: true');
    expect((await revisionFiles()).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('the loser of a race detected at the last moment (both saw the same base) gets the conflict, the winner is intact', async () => {
    await commit('初回公表');
    let winner: Promise<unknown> = Promise.resolve();
    // The first commit pauses after writing its temp file; the second commits completely in that gap.
    const pause = { beforeRename: async () => { winner = commit('B', { baseRevision: 1 }); await winner; } };
    const error = await expectAppError(commitRevision(file, { message: 'A', author: 'y', changeDate: '2025-10-01', baseRevision: 1, hooks: pause }));
    await winner;
    expect(error.code).toBe('REVISION_CONFLICT');
    expect((await listRevisions(file)).map((r) => r.message)).toEqual(['初回公表', 'B']);
    expect((await revisionFiles()).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('a commit from a stale base is refused: someone committed since the draft was opened', async () => {
    await commit('初回公表');
    await commit('二回目');
    const error = await expectAppError(commit('古い版から', { baseRevision: 1 }));
    expect(error.code).toBe('REVISION_CONFLICT');
    expect(error.status).toBe(409);
    expect((await listRevisions(file)).map((r) => r.message)).toEqual(['初回公表', '二回目']);
  });

  it('a crash between the temp write and the rename leaves the previous state intact', async () => {
    await commit('初回公表');
    await saveConfirmedRows(file, 1, [row]);
    const crash = { beforeRename: () => Promise.reject(new Error('power cut')) };
    const failedCommit = await expectAppError(commitRevision(file, { message: 'x', author: 'y', changeDate: '2025-10-01', hooks: crash }));
    expect(failedCommit.code).toBe('WRITE_FAILED');
    const failedRows = await expectAppError(saveConfirmedRows(file, 1, [{ ...row, timing: '事後' }], crash));
    expect(failedRows.messageJa).toContain('前回保存した内容はそのまま残っています');
    const failedStatus = await expectAppError(setRevisionStatus(file, 1, 'submitted', { hooks: crash }));
    expect(failedStatus.code).toBe('WRITE_FAILED');
    expect(await revisionFiles()).toEqual(['0001.rows.yaml', '0001.yaml']);
    const revision = await readRevision(file, 1);
    expect([revision.status, revision.rows]).toEqual(['draft', [row]]);
  });

  it('only a valid draft can be committed: ASSESSMENT_INVALID with the issues', async () => {
    await edit('reconsignment: 再委託しない', 'reconsignment: 再委託あり');
    const error = await expectAppError(commit('不正な下書き'));
    expect(error.code).toBe('ASSESSMENT_INVALID');
    expect(error.messageJa).toContain('1件の問題があるため改訂を確定できません');
    expect((error.details['issues'] as unknown[]).length).toBe(1);
    expect(await listRevisions(file)).toEqual([]);
  });

  it('unknown revisions, a 変更日 that is not a date and malformed rows are clear errors', async () => {
    const date = await expectAppError(commitRevision(file, { message: 'x', author: 'y', changeDate: '令和7年10月1日' }));
    expect(date.messageJa).toContain('変更日は YYYY-MM-DD の形式で指定してください');
    expect((await expectAppError(readRevision(file, 3))).code).toBe('REVISION_NOT_FOUND');
    await commit('初回公表');
    expect((await expectAppError(saveConfirmedRows(file, 2, [row]))).messageJa).toContain('改訂2はありません');
    const bad = await expectAppError(saveConfirmedRows(file, 1, [{ ...row, timing: '後で' as '事後' }]));
    expect(bad.messageJa).toContain('1行目: 提出時期は「事前」か「事後」です');
    expect((await expectAppError(setRevisionStatus(file, 1, 'approved' as 'published'))).messageJa).toContain('submitted（提出済み）');
  });
});
