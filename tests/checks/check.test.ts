import { describe, expect, it } from 'vitest';
import {
  RULES,
  blockingFindings,
  checkAssessment,
  unacknowledgedWarnings,
  type Finding,
} from '../../src/checks/index.js';
import { FORM_IDS, createSkeleton, validateAssessment } from '../../src/schema/index.js';
import { seedCopy, setAt } from './seed-fixtures.js';

const TODAY = '2025-10-01';
const summary = (findings: readonly Finding[]): string[] =>
  findings.map((f) => `${f.severity} ${f.ruleId} ${f.pointers[0]}`);

describe('the bundled seeds, checked as published (real documents: their inconsistencies are reported)', () => {
  it('001 北九州市 全項目評価書: ⑨使用開始日 before ⑤保有開始日, two 変更箇所 rows out of date order, no body type recorded', async () => {
    const { form, data } = await seedCopy('001');
    expect(summary(checkAssessment(form, data, { today: TODAY }))).toEqual([
      'INFO procedure.bodyType /facts/bodyType',
      'WARN dates.useAfterRetention /files/0/overview/acquisitionUse/useStart',
      // As printed: two 令和4年 rows stand after later ones in the published 別添３.
      'WARN history.order /changeHistory/33/date',
      'WARN history.order /changeHistory/85/date',
    ]);
  });

  it('002 長岡市 重点項目評価書: two items the transcription lost, and the annual review', async () => {
    const { form, data } = await seedCopy('002');
    // In printed order: 表紙, Ⅱ. The しきい値判断 is settled by the printed ranges (see threshold.test.ts).
    expect(summary(checkAssessment(form, data, { today: TODAY }))).toEqual([
      'INFO lifecycle.annualReview /cover/publishedOn',
      'ERROR required.empty /files/0/overview/provision/recipients/1/timing',
      'ERROR required.empty /files/0/overview/storage/location',
    ]);
  });

  it('004 伊勢市 重点項目評価書: （2）件 with one 委託事項, 再委託しない against Ⅲ４, blank 提出時期 rows', async () => {
    const { form, data } = await seedCopy('004');
    const findings = checkAssessment(form, data, { today: TODAY });
    expect(summary(findings)).toEqual([
      'WARN consignment.count /files/0/overview/consignment/status/count',
      'WARN consignment.reconsignment /files/0/riskMeasures/consignment/risk/reconsigneeHandling/value',
      ...[27, 28, 29, 30, 31, 32, 33, 34].map((row) => `WARN history.timingEmpty /changeHistory/${row - 1}/timing`),
    ]);
    expect(findings[0]).toMatchObject({
      section: 'Ⅱ　特定個人情報ファイルの概要',
      paths: [
        'Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託 > 委託の有無 > 件数',
        'Ⅱ　特定個人情報ファイルの概要 > ４．特定個人情報ファイルの取扱いの委託',
      ],
      message: '件数は2件ですが、委託事項は1件です。',
    });
  });
});

describe('acknowledgements and the lifecycle gate', () => {
  it('marks a WARN acknowledged with its reason, by rule and pointer, and keeps it visible', async () => {
    const { form, data } = await seedCopy('004');
    const reason = '公表済みの記載のとおり（委託事項２は令和7年3月27日に削除、件数の修正は次回の修正で行う）';
    const findings = checkAssessment(form, data, {
      today: TODAY,
      acknowledgements: [
        { ruleId: 'consignment.count', pointer: '/files/0/overview/consignment/status/count', reason },
        { ruleId: 'history.timingEmpty', pointer: '/changeHistory/26/timing', reason: '取り込んだ公表済みの行' },
      ],
    });
    const count = findings.find((f) => f.ruleId === 'consignment.count');
    expect(count?.acknowledged).toEqual({ reason });
    const timings = findings.filter((f) => f.ruleId === 'history.timingEmpty');
    expect(timings.filter((f) => f.acknowledged)).toHaveLength(1);
    expect(unacknowledgedWarnings(findings)).toHaveLength(findings.filter((f) => f.severity === 'WARN').length - 2);
  });

  it('acknowledges every finding of a rule when no pointer is given, but never with an empty reason', async () => {
    const { form, data } = await seedCopy('004');
    const all = checkAssessment(form, data, {
      today: TODAY,
      acknowledgements: [{ ruleId: 'history.timingEmpty', reason: '取り込み時の空欄' }],
    });
    expect(all.filter((f) => f.ruleId === 'history.timingEmpty').every((f) => f.acknowledged)).toBe(true);
    const blank = checkAssessment(form, data, {
      today: TODAY,
      acknowledgements: [{ ruleId: 'history.timingEmpty', reason: '  ' }],
    });
    expect(blank.some((f) => f.acknowledged)).toBe(false);
  });

  it('never lets an acknowledgement lift an ERROR: blockingFindings is every ERROR', async () => {
    const { form, data } = await seedCopy('002');
    const findings = checkAssessment(form, data, {
      today: TODAY,
      acknowledgements: [{ ruleId: 'required.empty', reason: 'あとで記入' }],
    });
    const blocking = blockingFindings(findings);
    expect(blocking.map((f) => f.ruleId)).toEqual(['required.empty', 'required.empty']);
    expect(blocking.some((f) => f.acknowledged)).toBe(false);
  });

  it("honours the document's own acknowledgements, an explicit list wins, and the entry is schema-valid", async () => {
    const { form, data } = await seedCopy('004');
    const reason = '委託事項２は削除済み。件数は次回の修正で直す';
    const pointer = '/files/0/overview/consignment/status/count';
    data['acknowledgements'] = [{ ruleId: 'consignment.count', pointer, reason }];
    expect(validateAssessment(data).issues).toEqual([]);
    const own = checkAssessment(form, data, { today: TODAY });
    expect(own.find((f) => f.ruleId === 'consignment.count')?.acknowledged).toEqual({ reason });
    expect(own.some((f) => f.ruleId === 'acknowledgement.stale')).toBe(false);
    const explicit = checkAssessment(form, data, { today: TODAY, acknowledgements: [] });
    expect(explicit.find((f) => f.ruleId === 'consignment.count')?.acknowledged).toBeUndefined();
  });

  it('ignores a stored acknowledgement of an ERROR or with a blank reason, and hints every one that covers nothing', async () => {
    const { form, data } = await seedCopy('002');
    // A 使用者数 range that spans 500 leaves the しきい値判断 open, so threshold.undetermined has a WARN to acknowledge.
    setAt(data, '/files/0/overview/acquisitionUse/users/count', '100人以上500人未満');
    data['acknowledgements'] = [
      { ruleId: 'required.empty', reason: 'あとで記入' },
      { ruleId: 'threshold.undetermined', reason: '　' },
      { ruleId: 'consignment.count', reason: '委託事項は契約単位' },
      { ruleId: 'threshold.undetermined', pointer: '/procedures/basicAssessment/threshold', reason: '取扱者数は集計中' },
    ];
    const findings = checkAssessment(form, data, { today: TODAY });
    expect(blockingFindings(findings).some((f) => f.acknowledged)).toBe(false);
    expect(findings.find((f) => f.ruleId === 'threshold.undetermined')?.acknowledged).toEqual({ reason: '取扱者数は集計中' });
    const stale = findings.filter((f) => f.ruleId === 'acknowledgement.stale');
    expect(stale.map((f) => [f.severity, f.pointers[0]])).toEqual([
      ['INFO', '/acknowledgements/0'],
      ['INFO', '/acknowledgements/1'],
      ['INFO', '/acknowledgements/2'],
    ]);
    expect(stale[0]!.message).toContain('警告の規則のものではない');
    expect(stale[1]!.message).toContain('理由がない');
    expect(stale[2]!.message).toContain('今はありません');
    expect(stale[0]!.section).toBe('確認済みの警告');
    // A blank reason is a schema issue too, with the item's Japanese name.
    expect(validateAssessment(data).issues.map((issue) => issue.pointer)).toEqual(['/acknowledgements/1/reason']);
  });

  it('does not block a document with only WARN and INFO findings', async () => {
    const { form, data } = await seedCopy('004');
    expect(blockingFindings(checkAssessment(form, data, { today: TODAY }))).toEqual([]);
  });

  it('a seed with its しきい値 facts recorded is still schema-valid, and the judgement then agrees with Ⅴ', async () => {
    const { form, data } = await seedCopy('004');
    setAt(data, '/facts', {
      bodyType: '地方公共団体等',
      threshold: {
        personCount: 128_000,
        handlerCount: 120,
        handlersAtLeast500: null,
        seriousAccident: { occurred: false, learnedOn: null },
      },
    });
    expect(validateAssessment(data).issues).toEqual([]);
    expect(checkAssessment(form, data, { today: TODAY }).filter((f) => f.ruleId.startsWith('threshold.'))).toEqual([]);
  });

  it('describes every rule with a unique id, its severity and the rules.md section or item it encodes', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    for (const rule of RULES) expect(rule.description.length).toBeGreaterThan(10);
    expect(new Set(RULES.map((r) => r.severity))).toEqual(new Set(['ERROR', 'WARN', 'INFO']));
  });
});

describe('drafts', () => {
  it.each(FORM_IDS)(
    'checks an empty %s skeleton without throwing: everything required is reported, nothing is refused',
    (form) => {
      const findings = checkAssessment(form, createSkeleton(form), { today: TODAY });
      expect(findings.filter((f) => f.ruleId === 'required.empty').length).toBeGreaterThan(20);
      expect(findings.some((f) => f.ruleId === 'systems.count')).toBe(true);
    },
  );

  it('tolerates values of the wrong type anywhere (a draft the schema rejects)', async () => {
    const { form, data } = await seedCopy('001');
    for (const pointer of [
      '/cover/publishedOn',
      '/procedures/basicAssessment/date',
      '/files/0/overview/consignment/items',
      '/basicInfo/business/targetCount',
      '/facts',
      '/changeHistory/0/date',
      '/procedures/publicComment/period',
    ]) {
      setAt(data, pointer, 42);
    }
    expect(() => checkAssessment(form, data, { today: TODAY })).not.toThrow();
    expect(() => checkAssessment(form, { form }, { today: TODAY })).not.toThrow();
  });
});
