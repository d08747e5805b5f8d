import { describe, expect, it } from 'vitest';
import { checkAssessment, judgeThreshold, thresholdInputOf, type Finding } from '../../src/checks/index.js';
import { FORM_IDS, createSkeleton, validateAssessment } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { fixtureFile } from '../helpers/seeds.js';
import { seedCopy } from './seed-fixtures.js';

const summary = (findings: readonly Finding[]): string[] => findings.map((f) => `${f.severity} ${f.ruleId} ${f.pointers[0]}`);
const load = async (name: string) => {
  const { form, data } = await loadAssessment(fixtureFile(name));
  return { form: form!, data };
};

describe('checks on documents of shapes the samples do not have: no false findings', () => {
  it('平成30年５月 様式４ with two files: printed-empty slots, network-only provision, 「－」, an imported row after the 公表日', async () => {
    const { form, data } = await load('h30-yoshiki4-two-files');
    expect(validateAssessment(data).issues).toEqual([]);
    const findings = checkAssessment(form, data, { today: '2025-10-01' });
    expect(summary(findings)).toEqual([
      'INFO procedure.bodyType /facts/bodyType',
      // 別添３ rows are imported as published: a date after the 公表日 is pointed out, not blocking (rules.md §9 #13).
      'WARN history.dateAfterPublished /cover/publishedOn',
      'INFO lifecycle.annualReview /cover/publishedOn',
      // Inherited from 001 (⑨使用開始日 before ⑤保有開始日), in both files.
      'WARN dates.useAfterRetention /files/0/overview/acquisitionUse/useStart',
      'WARN dates.useAfterRetention /files/1/overview/acquisitionUse/useStart',
    ]);
  });

  it('Ⅲ５ 提供・移転しない ticked while the file provides through the network only is not a finding; ticked with a transfer is', async () => {
    const { form, data } = await load('h30-yoshiki4-two-files');
    const overview = (data['files'] as { overview: { provision: { status: Record<string, unknown> } } }[])[0]!.overview;
    overview.provision.status['transferring'] = true;
    const [finding] = checkAssessment(form, data, { today: '2025-10-01' }).filter((f) => f.ruleId === 'provision.flag');
    expect(finding?.message).toBe(
      '委託や情報提供ネットワークシステムを通じたもの以外の提供・移転（提供・移転の有無 > 移転を行っている）があるので、「提供・移転しない」の印は外してください。',
    );
  });

  it.each(FORM_IDS)('a blank %s form gets no advice about Ⅲ５ before Ⅱ５ is answered, and no raw false in any message', (form) => {
    const findings = checkAssessment(form, createSkeleton(form), { today: '2025-10-01' });
    expect(findings.filter((f) => f.ruleId === 'provision.flag')).toEqual([]);
    expect(findings.filter((f) => /false|true|undefined|null/.test(f.message)).map((f) => f.message)).toEqual([]);
  });

  it('令和６年10月 様式３ of an ended business: only the 公表終了可能日 reminder, and the しきい値判断 settled by the printed ranges', async () => {
    const { form, data } = await load('r6-yoshiki3-ended');
    // The transcription keeps the empty 移転先1 block the PDF prints: no false error, no empty-item ERROR.
    expect(validateAssessment(data).issues).toEqual([]);
    const findings = checkAssessment(form, data, { today: '2031-01-01' });
    expect(summary(findings)).toEqual([
      'INFO lifecycle.termination /cover/title',
      'WARN consignment.reconsignment /files/0/riskMeasures/consignment/risk/reconsigneeHandling/value',
    ]);
    expect(findings[0]!.message).toBe('事業は令和6年3月31日に終了しています。公表は令和9年3月31日まで続け、それ以降に公表を終了できます。');
  });
});

describe('the しきい値判断 uses what the printed ranges settle, and says so', () => {
  it('使用者数 and 委託先 ranges bound 取扱者数; Ⅲ７② 発生なし answers the 重大事故 of the last year', async () => {
    const { data } = await seedCopy('004');
    const { judgement } = thresholdInputOf(data);
    expect(judgement?.level).toBe('JUTEN');
    expect(judgement?.steps).toEqual([
      '対象人数: 10万人以上30万人未満（③対象人数の選択肢。実数は未記録）',
      '取扱者数（委託先を含む）: 未記録。印字された使用者数と委託先における取扱者数の範囲から最大98人 → 500人未満',
      '過去１年以内の重大事故: 未申告。Ⅲ７の過去３年以内の重大事故がどのファイルでも「発生なし」なので、過去１年以内にもなし',
      '表の行: 対象人数10万人以上30万人未満・取扱者数500人未満かつ重大事故なし → 基礎項目評価及び重点項目評価',
      '判断結果: 基礎項目評価及び重点項目評価',
    ]);
  });

  it('a declaration wins over the printed ranges; ranges that reach 500 settle the other way; open ranges stay open', () => {
    const base = { personCount: 150_000, printedNoAccident: true } as const;
    expect(judgeThreshold({ ...base, printedHandlers: { atLeast: 10, atMost: 205 } }).level).toBe('JUTEN');
    expect(judgeThreshold({ ...base, printedHandlers: { atLeast: 10, atMost: 205 }, handlersAtLeast500: true }).level).toBe('ZENKOMOKU');
    expect(judgeThreshold({ ...base, printedHandlers: { atLeast: 510 } }).steps[1]).toBe(
      '取扱者数（委託先を含む）: 未記録。印字された使用者数と委託先における取扱者数の下限の合計が510人 → 500人以上',
    );
    expect(judgeThreshold({ ...base, printedHandlers: { atLeast: 110, atMost: 548 } }).level).toBeUndefined();
    expect(judgeThreshold({ ...base, printedHandlers: { atLeast: 10 } }).level).toBeUndefined();
    expect(judgeThreshold({ personCount: 150_000, printedHandlers: { atLeast: 10, atMost: 205 }, seriousAccident: true }).level).toBe('ZENKOMOKU');
  });
});
