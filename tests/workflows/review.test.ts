/**
 * The review and the procedure of rules.md §3 and §6 on real documents: 004 (様式３) for the internal review, 001
 * (様式４) for 意見聴取 → 見直し → 第三者点検 or 委員会の承認 → 提出 → 公表, and 事業終了 with its 公表終了可能日.
 */
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAssessment } from '../../src/store/index.js';
import {
  commitRevision,
  fixedClock,
  listRevisions,
  readRevision,
  recordTermination,
  setRevisionStatus,
  type Clock,
  type StatusRequest,
  type Workflow,
} from '../../src/workflows/index.js';
import { expectAppError } from '../helpers/app-error.js';
import { approveRevision, editFile, sceneOf, type Scene } from './helpers.js';

let scene: Scene;
afterEach(() => scene.cleanup());

/** A clock the test moves forward, as days pass during a procedure. */
const movingClock = (start: string): Clock & { set: (date: string) => void } => {
  let current = fixedClock(start);
  return { now: () => current.now(), today: () => current.today(), set: (date) => (current = fixedClock(date)) };
};

const AUTHOR = '健康課 伊勢';
const REVIEWER = '健康課長 確認';
const take = (workflow: Workflow, n: number, request: Omit<StatusRequest, 'by'> & { by?: string }) =>
  setRevisionStatus(workflow, n, { by: AUTHOR, ...request });
const draftOf = async (file: string) => (await loadAssessment(file)).data as Record<string, Record<string, Record<string, unknown>>>;
const stepsOf = async (workflow: Workflow, n: number) =>
  (await listRevisions(workflow)).find((revision) => revision.number === n)!.transitions.map((offered) => offered.step);

describe('the internal review (確認依頼 → 差戻し | 承認)', () => {
  it('returns a revision with a remark, takes it back for review, and lets only someone else approve it', async () => {
    scene = await sceneOf('004-ise-yobosesshu');
    const { workflow } = scene;
    await commitRevision(workflow, { message: '公表版', author: AUTHOR });
    expect(await stepsOf(workflow, 1)).toEqual(['request', 'withdraw']);
    await take(workflow, 1, { status: 'review', remark: '確認をお願いします' });
    expect(await stepsOf(workflow, 1)).toEqual(['return', 'approve', 'withdraw']);
    const returned = await take(workflow, 1, { status: 'returned', by: REVIEWER, remark: 'Ⅱの記載を確認してください' });
    expect(returned.statusLog.map((entry) => [entry.status, entry.by, entry.remark])).toEqual([
      ['review', AUTHOR, '確認をお願いします'],
      ['returned', REVIEWER, 'Ⅱの記載を確認してください'],
    ]);
    expect(returned.rowsEditable).toBe(true);
    await take(workflow, 1, { status: 'review' });

    const own = await expectAppError(take(workflow, 1, { status: 'approved', by: '健康課　伊勢' }));
    expect([own.code, own.status, own.messageJa]).toEqual(['FORBIDDEN', 403, '第1版は健康課 伊勢さんが確定した版です。承認は作成した人以外が行ってください。']);
    const byRole = await expectAppError(take(workflow, 1, { status: 'approved', by: REVIEWER, roles: ['author'] }));
    expect(byRole.messageJa).toBe('「承認する」は確認者が行う手順です。この評価書でのあなたの役割では行えません。');
    const approved = await take(workflow, 1, { status: 'approved', by: REVIEWER, roles: ['reviewer'] });
    expect(approved.status).toBe('approved');
    expect(await stepsOf(workflow, 1)).toEqual(['submit', 'withdraw']);
  });

  it('refuses 承認 to the person who asked for the review, compared by account when both are signed in', async () => {
    scene = await sceneOf('004-ise-yobosesshu');
    const { workflow } = scene;
    await commitRevision(workflow, { message: '公表版', author: '作成 花子', account: 'sakusei' });
    await take(workflow, 1, { status: 'review', by: '確認 次郎', account: 'kakunin2' });
    const requester = await expectAppError(take(workflow, 1, { status: 'approved', by: '確認 次郎（別名）', account: 'kakunin2' }));
    expect(requester.messageJa).toBe('第1版の確認は確認 次郎さんが依頼しました。承認は依頼した人以外が行ってください。');
    const author = await expectAppError(take(workflow, 1, { status: 'approved', by: '別の表示名', account: 'sakusei' }));
    expect(author.code).toBe('FORBIDDEN');
    expect((await take(workflow, 1, { status: 'approved', by: '確認 太郎', account: 'kakunin' })).statusLog.at(-1)).toMatchObject({
      status: 'approved',
      by: '確認 太郎',
      account: 'kakunin',
    });
  });

  it('submits only what was approved, and a returned version leaves the record: the next commit is proposed against the one before', async () => {
    scene = await sceneOf('004-ise-yobosesshu');
    const { workflow, file } = scene;
    await commitRevision(workflow, { message: '公表版', author: AUTHOR });
    const direct = await expectAppError(take(workflow, 1, { status: 'submitted' }));
    expect(direct.messageJa).toBe('第1版は「作成中」です。「提出済み」にはできません。この版でできる操作: 「確認を依頼する」・「取り下げる」。');
    await approveRevision(workflow, 1);
    await take(workflow, 1, { status: 'submitted' });
    await take(workflow, 1, { status: 'published' });

    await editFile(file, 'externalAudit: false', 'externalAudit: true');
    const second = await commitRevision(workflow, { message: '外部監査を追加', author: AUTHOR, changeDate: '2025-10-01' });
    expect([second.revision.kind, second.revision.phase]).toEqual(['correction', 'correcting']);
    expect((await listRevisions(workflow)).map((revision) => revision.phase)).toEqual([null, 'correcting']);
    expect((await take(workflow, 2, { status: 'review' })).phase).toBe('correcting');
    await take(workflow, 2, { status: 'returned', by: REVIEWER });
    await editFile(file, 'headTitle: 健康課長', 'headTitle: 健康課課長');
    const third = await commitRevision(workflow, { message: '外部監査と所属長', author: AUTHOR, changeDate: '2025-10-01' });
    expect(third.revision.predecessor).toBe(1);
    expect(third.revision.rows.map((row) => row.pointer)).toEqual(['/basicInfo/department/headTitle', '/files/0/riskMeasures/audit/implementation']);
    const again = await expectAppError(take(workflow, 2, { status: 'review' }));
    expect(again.messageJa).toBe('第2版の後に第3版が確定されているため、第2版の確認はもう依頼できません。第3版の確認を依頼してください。');
  });
});

describe('the procedure of a 全項目評価書 (様式４, rules.md §3)', () => {
  const local = async (seedClock: Clock) => {
    scene = await sceneOf('001-kitakyushu-yobosesshu', seedClock);
    await editFile(scene.file, 'changeHistory:', 'facts:\n  bodyType: 地方公共団体等\nchangeHistory:');
    return scene.workflow;
  };

  it('意見聴取 → 見直し → 第三者点検 → 提出 → 公表: each step fills its Ⅵ items in the draft, the next commit freezes them', async () => {
    const clock = movingClock('2026-04-01');
    const workflow = await local(clock);
    const { file } = scene;
    await commitRevision(workflow, { message: '再評価の評価書案', author: AUTHOR, kind: 'reassessment', changeDate: '2026-08-01' });
    await approveRevision(workflow, 1);
    // Before the 意見聴取, neither 点検 nor 提出 is offered: the 意見聴取 comes first.
    expect(await stepsOf(workflow, 1)).toEqual(['consult', 'withdraw']);
    expect((await expectAppError(take(workflow, 1, { status: 'submitted' }))).messageJa).toContain('提出の前に国民・住民等からの意見聴取が必要です');

    const short = await expectAppError(take(workflow, 1, { status: 'consultation', record: { from: '2026-04-10', to: '2026-05-01' } }));
    expect(short.messageJa).toBe('意見聴取の期間が22日間です。30日に満たないときは「期間を短縮する特段の理由」を入力してください（規程 §3.1）。');
    const consulting = await take(workflow, 1, { status: 'consultation', record: { from: '2026-04-10', to: '2026-05-09' }, remark: '市政だよりに掲載' });
    // ①方法 carries over from the last 評価 when not entered; the period is printed as the form prints it.
    expect(consulting.statusLog.at(-1)!.record).toMatchObject({ from: '2026-04-10', to: '2026-05-09', method: expect.stringContaining('北九州市基本的な計画等') });
    expect((await draftOf(file))['procedures']!['publicComment']).toMatchObject({
      period: '令和8年4月10日から令和8年5月9日（30日間）',
      shorteningReason: '',
    });
    expect(consulting.rowsEditable).toBe(false);

    clock.set('2026-05-09');
    const running = await expectAppError(take(workflow, 1, { status: 'revising', record: { opinions: 0 } }));
    expect(running.messageJa).toBe('意見聴取の期間は令和8年5月9日までです。期間が終わってから（令和8年5月10日以降に）「意見聴取を終える」を行ってください。');
    clock.set('2026-05-12');
    const missing = await expectAppError(take(workflow, 1, { status: 'revising', record: { opinions: 2 } }));
    expect(missing.messageJa).toBe('「意見聴取を終える」には「④主な意見の内容」を入力してください。');
    await take(workflow, 1, { status: 'revising', record: { opinions: 2, mainOpinions: '接種記録の保存期間について2件', reflection: 'Ⅱ６の記載を補った' } });
    expect((await draftOf(file))['procedures']!['publicComment']).toMatchObject({ mainOpinions: '接種記録の保存期間について2件', reflection: 'Ⅱ６の記載を補った' });

    // The revised draft is the next revision, in the same 再評価: its procedure continues with the 第三者点検.
    const second = await commitRevision(workflow, { message: '意見を反映', author: AUTHOR, changeDate: '2026-08-01' });
    expect([second.revision.kind, second.revision.phase, second.revision.predecessor]).toEqual(['reassessment', 'reassessing', 0]);
    await approveRevision(workflow, 2);
    expect(await stepsOf(workflow, 2)).toEqual(['consult', 'inspect', 'withdraw']);
    expect((await expectAppError(take(workflow, 2, { status: 'submitted' }))).messageJa).toContain('提出の前に第三者点検が必要です');
    await take(workflow, 2, { status: 'inspection' });
    const future = await expectAppError(take(workflow, 2, { status: 'revising', record: { date: '2026-06-30', result: '適合' } }));
    expect(future.messageJa).toContain('今日（令和8年5月12日）より後の日付です');
    clock.set('2026-07-01');
    await take(workflow, 2, { status: 'revising', record: { date: '2026-06-30', result: '指針に適合し、妥当であると認められた。' } });
    expect((await draftOf(file))['procedures']!['thirdPartyReview']).toMatchObject({
      date: '2026-06-30',
      method: '北九州市個人情報保護審査会における審査',
      result: '指針に適合し、妥当であると認められた。',
    });

    await commitRevision(workflow, { message: '提出版', author: AUTHOR, changeDate: '2026-08-01' });
    await approveRevision(workflow, 3);
    expect(await stepsOf(workflow, 3)).toEqual(['consult', 'inspect', 'submit', 'withdraw']);
    await take(workflow, 3, { status: 'submitted' });
    const published = await take(workflow, 3, { status: 'published' });
    expect(published.statusLog.map((entry) => entry.status)).toEqual(['review', 'approved', 'submitted', 'published']);
    const frozen = (await readRevision(workflow, 3)).data as Record<string, Record<string, Record<string, unknown>>>;
    expect(frozen['procedures']!['thirdPartyReview']!['date']).toBe('2026-06-30');
    expect(frozen['procedures']!['publicComment']!['period']).toBe('令和8年4月10日から令和8年5月9日（30日間）');
    // The versions shown to residents and to the 審査会 stay in the history, out of the record.
    expect((await listRevisions(workflow)).map((revision) => revision.status)).toEqual(['revising', 'revising', 'published']);
  });

  it('a 行政機関等: 委員会に提出 (承認待ち) → 委員会の承認 fills Ⅵ４ and the cover 承認日; the same 再評価 throughout', async () => {
    const clock = movingClock('2026-06-01');
    scene = await sceneOf('001-kitakyushu-yobosesshu', clock);
    const { workflow, file } = scene;
    await editFile(file, 'changeHistory:', 'facts:\n  bodyType: 行政機関等\nchangeHistory:');
    await commitRevision(workflow, { message: '再評価', author: AUTHOR, kind: 'reassessment' });
    await approveRevision(workflow, 1);
    await take(workflow, 1, { status: 'consultation', record: { from: '2026-04-01', to: '2026-04-30', method: '電子政府の総合窓口（e-Gov）で意見募集' } });
    await take(workflow, 1, { status: 'revising', record: { opinions: 0 } });
    expect((await draftOf(file))['procedures']!['publicComment']).toMatchObject({ mainOpinions: 'なし', reflection: 'なし' });
    await commitRevision(workflow, { message: '意見聴取後', author: AUTHOR });
    await approveRevision(workflow, 2);
    expect(await stepsOf(workflow, 2)).toEqual(['consult', 'inspect', 'apply', 'withdraw']);
    await take(workflow, 2, { status: 'awaiting', record: { submittedOn: '2026-05-20' } });
    await take(workflow, 2, { status: 'revising', record: { approvedOn: '2026-06-01', review: '承認' } });
    const draft = await draftOf(file);
    expect(draft['cover']!['approvedOn']).toBe('2026-06-01');
    expect(draft['procedures']!['commissionApproval']).toEqual({ submittedOn: '2026-05-20', review: '承認' });

    await commitRevision(workflow, { message: '承認後', author: AUTHOR });
    await approveRevision(workflow, 3);
    expect(await stepsOf(workflow, 3)).toEqual(['consult', 'inspect', 'apply', 'submit', 'withdraw']);
    expect((await listRevisions(workflow)).map((revision) => revision.kind)).toEqual(['reassessment', 'reassessment', 'reassessment']);
  });

  it('refuses 意見聴取 for a 修正 and a 委員会 submission for a 地方公共団体等', async () => {
    const workflow = await local(fixedClock('2026-04-01'));
    await commitRevision(workflow, { message: '修正', author: AUTHOR, kind: 'correction' });
    await approveRevision(workflow, 1);
    expect(await stepsOf(workflow, 1)).toEqual(['submit', 'withdraw']);
    const refused = await expectAppError(take(workflow, 1, { status: 'consultation', record: { from: '2026-04-10', to: '2026-05-09' } }));
    expect(refused.messageJa).toBe('第1版は「修正」の版です。意見聴取・第三者点検・委員会の承認は、初回の評価と再評価の手続です（規程 §3、§6.2）。');
  });
});

describe('事業終了 (rules.md §6.4)', () => {
  it('suffixes the 評価書名, commits it with its one 事後 row, and refuses to end the publication before end + 3 years', async () => {
    const clock = movingClock('2025-08-19');
    scene = await sceneOf('004-ise-yobosesshu', clock);
    const { workflow, file } = scene;
    expect((await expectAppError(recordTermination(workflow, { endDate: '2026-03-31', publishedOn: '2026-04-10', by: AUTHOR }))).messageJa).toBe(
      '公表済みの版がないため、事業終了を記録できません。',
    );
    await commitRevision(workflow, { message: '公表版', author: AUTHOR });
    await approveRevision(workflow, 1);
    await take(workflow, 1, { status: 'submitted' });
    await take(workflow, 1, { status: 'published' });

    await editFile(file, 'externalAudit: false', 'externalAudit: true');
    const other = await expectAppError(recordTermination(workflow, { endDate: '2026-03-31', publishedOn: '2026-04-10', by: AUTHOR }));
    expect(other.messageJa).toMatch(/^作業中の評価書に、公表中の第1版からの変更が1件あります（.+）。/);
    await editFile(file, 'externalAudit: true', 'externalAudit: false');

    clock.set('2026-04-10');
    const { revision } = await recordTermination(workflow, { endDate: '2026-03-31', publishedOn: '2026-04-10', label: '事業終了', by: AUTHOR });
    expect(revision).toMatchObject({
      number: 2,
      kind: 'termination',
      phase: 'ending',
      changeDate: '2026-04-10',
      termination: { endDate: '2026-03-31', label: '事業終了', keepPublishedUntil: '2029-03-31' },
    });
    expect(revision.rows).toHaveLength(1);
    expect(revision.rows[0]).toMatchObject({
      date: '2026-04-10',
      before: '予防接種に関する事務　重点項目評価書',
      after: '予防接種に関する事務　重点項目評価書【令和8年3月31日 事業終了】',
      timing: '事後',
    });
    expect(await readFile(file, 'utf8')).toContain('title: 予防接種に関する事務　重点項目評価書【令和8年3月31日 事業終了】');

    await approveRevision(workflow, 2);
    await take(workflow, 2, { status: 'submitted' });
    expect((await take(workflow, 2, { status: 'published' })).phase).toBe('ended');
    const early = await expectAppError(take(workflow, 2, { status: 'unpublished' }));
    expect(early.messageJa).toBe('事業の終了日（令和8年3月31日）から３年間は公表を続けます。公表を終了できるのは令和11年3月31日からです（規程 §6.4）。');
    const notEnded = await expectAppError(take(workflow, 1, { status: 'unpublished' }));
    expect(notEnded.code).toBe('STATUS_TRANSITION_INVALID');
    clock.set('2029-03-31');
    expect((await take(workflow, 2, { status: 'unpublished' })).status).toBe('unpublished');
  });
});
