import { describe, expect, it } from 'vitest';
import { RULES, checkAssessment } from '../../src/checks/index.js';
import { createLibrary } from '../../src/snippets/index.js';
import { readSnippetLibrary } from '../../src/store/index.js';
import { ROOT } from '../helpers/seeds.js';
import { seedCopy, setAt, type SeedId } from './seed-fixtures.js';

/** A mutation of a real seed: values set by JSON Pointer, the day the check runs, and whether the bundled standard texts are given. */
type Case = {
  readonly rule: string;
  readonly seed: SeedId;
  readonly set?: Readonly<Record<string, unknown>>;
  readonly today?: string;
  readonly snippets?: true;
};

const bundledLibrary = readSnippetLibrary(`${ROOT}/assessments`).then(({ snippets }) => createLibrary(snippets));

const TODAY = '2025-10-01';
const C4 = '/files/0/overview/consignment';
const P4 = '/files/0/overview/provision';
const KNOWN_SMALL = { '/facts/threshold/handlerCount': 100, '/facts/threshold/seriousAccident/occurred': false };
const NET = '/basicInfo/networkLinkage/implementation';
const ACCIDENT_3Y = '/files/0/riskMeasures/storage/risk/seriousAccident';
const OPINIONS = '/procedures/publicComment/mainOpinions';
const RESULT = '/procedures/basicAssessment/threshold';
// Options below are the seeds' own values or the schema's ＜選択肢＞, written out as test data.
const FORM4_VOLUNTARY = '基礎項目評価及び重点項目評価の実施が義務付けられる（任意に全項目評価を実施）';
const FORM4_KISO = '基礎項目評価の実施が義務付けられる（任意に全項目評価を実施）';

const RISKS_TEXT = '/files/0/riskMeasures/storage/otherRisks';
const withheld = (...flags: readonly Record<string, string>[]) => ({ '/withheld': flags });
const MONITORING = { pointer: RISKS_TEXT, text: '24時間365日', reason: '監視の時間帯' };

const failing: readonly Case[] = [
  {
    rule: 'threshold.result',
    seed: '004',
    set: { ...KNOWN_SMALL, '/basicInfo/business/targetCount': '1万人以上10万人未満' },
  },
  { rule: 'threshold.result', seed: '001', set: { [RESULT]: FORM4_KISO } },
  // 使用者数 100人以上500人未満 and 委託先 10人以上50人未満: 取扱者数 110–548, so the printed ranges leave 500 open.
  { rule: 'threshold.undetermined', seed: '004', set: { '/files/0/overview/acquisitionUse/users/count': '100人以上500人未満' } },
  { rule: 'threshold.formBelowMandate', seed: '004', set: { '/facts/threshold/handlerCount': 600 } },
  { rule: 'threshold.formBelowMandate', seed: '002', set: { '/facts/threshold/personCount': 300_000 } },
  {
    rule: 'threshold.handlerBuckets',
    seed: '004',
    set: {
      '/facts/threshold/handlersAtLeast500': false,
      '/files/0/overview/acquisitionUse/users/count': '500人以上1,000人未満',
    },
  },
  {
    rule: 'threshold.handlerBuckets',
    seed: '002',
    set: {
      '/facts/threshold/handlerCount': 499,
      '/files/0/overview/acquisitionUse/users/count': '100人以上500人未満',
      [`${C4}/items/0/handlerCount`]: '500人以上1,000人未満',
    },
  },
  { rule: 'threshold.personCountBucket', seed: '004', set: { '/facts/threshold/personCount': 99_999 } },
  {
    rule: 'accident.details',
    seed: '004',
    set: { [`${ACCIDENT_3Y}/value`]: '発生あり', [`${ACCIDENT_3Y}/detail`]: '記録媒体の紛失' },
  },
  {
    rule: 'accident.thresholdHint',
    seed: '004',
    set: {
      [`${ACCIDENT_3Y}/value`]: '発生あり',
      [`${ACCIDENT_3Y}/detail`]: '記録媒体の紛失',
      [`${ACCIDENT_3Y}/prevention`]: '持出しの禁止',
    },
  },
  { rule: 'procedure.publicComment', seed: '001', set: { [OPINIONS]: '' } },
  {
    rule: 'procedure.publicCommentVoluntary',
    seed: '001',
    set: { [RESULT]: FORM4_VOLUNTARY, '/procedures/publicComment/method': '' },
  },
  {
    rule: 'procedure.thirdParty',
    seed: '001',
    set: { '/facts/bodyType': '地方公共団体等', '/procedures/thirdPartyReview/result': '' },
  },
  {
    rule: 'procedure.thirdPartyVoluntary',
    seed: '001',
    set: { [RESULT]: FORM4_KISO, '/procedures/thirdPartyReview/date': null },
  },
  {
    rule: 'procedure.commentPeriod',
    seed: '001',
    set: { '/procedures/publicComment/period': '令和4年11月15日から令和4年12月13日（29日間）' },
  },
  {
    rule: 'procedure.approval',
    seed: '001',
    set: { '/facts/bodyType': '地方公共団体等', '/cover/approvedOn': '2025-08-01' },
  },
  { rule: 'procedure.approval', seed: '001', set: { '/facts/bodyType': '行政機関等' } },
  { rule: 'procedure.bodyType', seed: '001' },
  { rule: 'dates.basicBeforePublished', seed: '004', set: { '/procedures/basicAssessment/date': '2025-08-20' } },
  { rule: 'dates.procedureOrder', seed: '001', set: { '/procedures/thirdPartyReview/date': '2022-12-14' } },
  { rule: 'dates.procedureOrder', seed: '001', set: { '/procedures/thirdPartyReview/date': '2025-08-30' } },
  { rule: 'dates.useAfterRetention', seed: '001' },
  { rule: 'history.dateAfterPublished', seed: '004', set: { '/changeHistory/33/date': '2025-08-20' } },
  { rule: 'history.dateText', seed: '004', set: { '/changeHistory/0/dateText': '令和7年3月28日' } },
  { rule: 'history.order', seed: '001' },
  { rule: 'history.order', seed: '004', set: { '/changeHistory/26/date': '2025-03-26' } },
  { rule: 'history.timingEmpty', seed: '004' },
  { rule: 'consignment.count', seed: '004' },
  { rule: 'consignment.count', seed: '002', set: { [`${C4}/status/count`]: 3 } },
  { rule: 'provision.count', seed: '004', set: { [`${P4}/status/providingCount`]: 3 } },
  { rule: 'provision.count', seed: '001', set: { [`${P4}/status/transferringCount`]: 2 } },
  { rule: 'consignment.flag', seed: '004', set: { '/files/0/riskMeasures/consignment/notConsigned': true } },
  {
    rule: 'consignment.flag',
    seed: '004',
    set: { [`${C4}/status/value`]: '委託しない', [`${C4}/status/count`]: null, [`${C4}/items`]: [] },
  },
  { rule: 'consignment.reconsignment', seed: '004' },
  { rule: 'consignment.reconsignment', seed: '002', set: { [`${C4}/items/1/reconsignmentMatters`]: '' } },
  {
    rule: 'consignment.reconsignment',
    seed: '002',
    set: { '/files/0/riskMeasures/consignment/risk/reconsigneeHandling/value': '再委託していない' },
  },
  // 001 transfers to another department: Ⅲ５ covers that, so 提供・移転しない cannot be ticked.
  { rule: 'provision.flag', seed: '001', set: { '/files/0/riskMeasures/provision/notProvided': true } },
  {
    rule: 'provision.flag',
    seed: '004',
    set: { [`${P4}/status`]: { providing: false, providingCount: null, transferring: false, transferringCount: null, none: true }, [`${P4}/recipients`]: [] },
  },
  { rule: 'network.flags', seed: '004', set: { [NET]: '実施しない' } },
  {
    rule: 'network.flags',
    seed: '004',
    set: {
      '/files/0/riskMeasures/network/notConnectedAcquisition': true,
      '/files/0/riskMeasures/network/notConnectedProvision': true,
    },
  },
  { rule: 'network.systemConnection', seed: '004', set: { [NET]: '実施しない' } },
  { rule: 'systems.count', seed: '004', set: { '/basicInfo/systems/0/name': '' } },
  { rule: 'systems.count', seed: '002', set: { '/basicInfo/systems': [] } },
  { rule: 'files.names', seed: '004', set: { '/files/0/riskMeasures/fileName': '予防接種台帳ファイル' } },
  { rule: 'files.names', seed: '001', set: { '/basicInfo/fileNames': '別のファイル' } },
  { rule: 'files.personCount', seed: '004', set: { '/basicInfo/business/targetCount': '1万人以上10万人未満' } },
  { rule: 'entries.personCount', seed: '004', set: { [`${P4}/recipients/0/personCount`]: '100万人以上1,000万人未満' } },
  {
    rule: 'entries.personCount',
    seed: '001',
    set: { [`${C4}/items/0/scope/personCount`]: '100万人以上1,000万人未満' },
  },
  { rule: 'required.empty', seed: '004', set: { '/disclosure/inquiry/contact': '' } },
  { rule: 'required.empty', seed: '001', set: { '/files/0/overview/acquisitionUse/purpose/value': ' \n' } },
  { rule: 'lifecycle.reassessmentSoon', seed: '004', today: '2030-02-19' },
  { rule: 'lifecycle.reassessmentOverdue', seed: '004', today: '2030-08-19' },
  { rule: 'lifecycle.annualReview', seed: '004', today: '2026-08-19' },
  {
    rule: 'lifecycle.termination',
    seed: '004',
    set: { '/cover/title': '予防接種に関する事務　重点項目評価書【令和8年3月31日 終了】' },
  },
  { rule: 'publication.networkUnpublished', seed: '004', set: { '/cover/publishedOn': null } },
  {
    rule: 'acknowledgement.stale',
    seed: '002',
    set: { '/acknowledgements': [{ ruleId: 'consignment.count', reason: '委託事項は契約単位で数えるため' }] },
  },
  { rule: 'acknowledgement.stale', seed: '004', set: { '/acknowledgements': [{ ruleId: 'required.empty', reason: 'あとで記入' }] } },
  { rule: 'references.outdated', seed: '004', snippets: true },
  // rules.md §8: all of an item's text withheld; a span outside Ⅲ, Ⅳ and Ⅱ 保管場所; a flag whose text is gone.
  { rule: 'withheld.wholeItem', seed: '004', set: withheld({ pointer: '/files/0/overview/remarks', text: '―', reason: '全部' }) },
  { rule: 'withheld.outsideArea', seed: '004', set: withheld({ pointer: '/basicInfo/systems/0/name', text: '健康管理', reason: '名称' }) },
  { rule: 'withheld.published', seed: '004', set: withheld({ ...MONITORING, text: '24時間体制で' }) },
];

const passing: readonly Case[] = [
  { rule: 'threshold.result', seed: '004', set: KNOWN_SMALL },
  { rule: 'threshold.result', seed: '001' },
  { rule: 'threshold.undetermined', seed: '004', set: KNOWN_SMALL },
  { rule: 'threshold.undetermined', seed: '001' },
  { rule: 'threshold.formBelowMandate', seed: '004', set: KNOWN_SMALL },
  { rule: 'threshold.formBelowMandate', seed: '002', set: { '/facts/threshold/personCount': 299_999 } },
  { rule: 'threshold.handlerBuckets', seed: '004', set: { '/facts/threshold/handlersAtLeast500': false } },
  { rule: 'threshold.handlerBuckets', seed: '002', set: { '/facts/threshold/handlerCount': 499 } },
  { rule: 'threshold.personCountBucket', seed: '004', set: { '/facts/threshold/personCount': 100_000 } },
  { rule: 'accident.details', seed: '004' },
  {
    rule: 'accident.details',
    seed: '004',
    set: {
      [`${ACCIDENT_3Y}/value`]: '発生あり',
      [`${ACCIDENT_3Y}/detail`]: '記録媒体の紛失',
      [`${ACCIDENT_3Y}/prevention`]: '持出しの禁止',
    },
  },
  { rule: 'accident.thresholdHint', seed: '004' },
  { rule: 'procedure.publicComment', seed: '001' },
  { rule: 'procedure.publicComment', seed: '001', set: { [RESULT]: FORM4_VOLUNTARY, [OPINIONS]: '' } },
  { rule: 'procedure.publicCommentVoluntary', seed: '001', set: { [RESULT]: FORM4_VOLUNTARY } },
  { rule: 'procedure.publicCommentVoluntary', seed: '004' },
  { rule: 'procedure.thirdParty', seed: '001', set: { '/facts/bodyType': '地方公共団体等' } },
  {
    rule: 'procedure.thirdParty',
    seed: '001',
    set: { '/facts/bodyType': '行政機関等', '/procedures/thirdPartyReview/result': '' },
  },
  { rule: 'procedure.thirdPartyVoluntary', seed: '001', set: { [RESULT]: FORM4_KISO } },
  { rule: 'procedure.commentPeriod', seed: '001' },
  {
    rule: 'procedure.commentPeriod',
    seed: '001',
    set: {
      '/procedures/publicComment/period': '令和4年11月15日から令和4年12月13日（29日間）',
      '/procedures/publicComment/shorteningReason': '法改正の施行日に間に合わせるため',
    },
  },
  { rule: 'procedure.approval', seed: '001', set: { '/facts/bodyType': '地方公共団体等' } },
  {
    rule: 'procedure.approval',
    seed: '001',
    set: {
      '/facts/bodyType': '行政機関等',
      '/cover/approvedOn': '2025-08-20',
      '/procedures/commissionApproval/submittedOn': '2025-07-01',
      '/procedures/commissionApproval/review': '承認',
    },
  },
  { rule: 'procedure.bodyType', seed: '001', set: { '/facts/bodyType': '地方公共団体等' } },
  { rule: 'procedure.bodyType', seed: '004' },
  { rule: 'dates.basicBeforePublished', seed: '004' },
  { rule: 'dates.procedureOrder', seed: '001' },
  { rule: 'dates.useAfterRetention', seed: '004' },
  { rule: 'dates.useAfterRetention', seed: '001', set: { '/files/0/overview/acquisitionUse/useStart': '2016-04-01' } },
  { rule: 'history.dateAfterPublished', seed: '004' },
  { rule: 'history.dateText', seed: '004', set: { '/changeHistory/0/dateText': '令和７年３月２７日' } },
  { rule: 'history.order', seed: '004' },
  { rule: 'history.order', seed: '002' },
  { rule: 'history.timingEmpty', seed: '001' },
  { rule: 'consignment.count', seed: '002' },
  { rule: 'consignment.count', seed: '004', set: { [`${C4}/status/count`]: 1 } },
  { rule: 'provision.count', seed: '004' },
  { rule: 'provision.count', seed: '001' },
  { rule: 'consignment.flag', seed: '004' },
  {
    rule: 'consignment.flag',
    seed: '004',
    set: {
      [`${C4}/status/value`]: '委託しない',
      [`${C4}/status/count`]: null,
      [`${C4}/items`]: [],
      '/files/0/riskMeasures/consignment/notConsigned': true,
    },
  },
  {
    rule: 'consignment.reconsignment',
    seed: '004',
    set: { '/files/0/riskMeasures/consignment/risk/reconsigneeHandling/value': '再委託していない' },
  },
  { rule: 'consignment.reconsignment', seed: '002' },
  { rule: 'provision.flag', seed: '004' },
  // 004 provides only through the 情報提供ネットワークシステム, which Ⅲ５ excludes: ticking the box is right too (003 does).
  { rule: 'provision.flag', seed: '004', set: { '/files/0/riskMeasures/provision/notProvided': true } },
  {
    rule: 'provision.flag',
    seed: '004',
    set: {
      [`${P4}/status/providing`]: false,
      [`${P4}/status/providingCount`]: null,
      [`${P4}/status/none`]: true,
      [`${P4}/recipients`]: [],
      '/files/0/riskMeasures/provision/notProvided': true,
    },
  },
  { rule: 'network.flags', seed: '004' },
  {
    rule: 'network.flags',
    seed: '004',
    set: {
      [NET]: '実施しない',
      '/files/0/riskMeasures/network/notConnectedAcquisition': true,
      '/files/0/riskMeasures/network/notConnectedProvision': true,
    },
  },
  { rule: 'network.systemConnection', seed: '004' },
  {
    rule: 'network.systemConnection',
    seed: '004',
    set: { [NET]: '実施しない', '/basicInfo/systems/1/connections/infoNetwork': false },
  },
  { rule: 'systems.count', seed: '004' },
  { rule: 'files.names', seed: '004' },
  { rule: 'files.names', seed: '001' },
  { rule: 'files.personCount', seed: '004' },
  {
    rule: 'files.personCount',
    seed: '004',
    set: {
      '/basicInfo/business/targetCount': '1万人以上10万人未満',
      '/files/0/overview/basic/personCount': '1万人以上10万人未満',
    },
  },
  { rule: 'entries.personCount', seed: '004' },
  { rule: 'entries.personCount', seed: '001' },
  { rule: 'required.empty', seed: '004' },
  { rule: 'required.empty', seed: '001' },
  // 「―」 is a deliberate "none" answer, not an empty item (the same definition of blank everywhere: src/domain/blank.ts).
  { rule: 'required.empty', seed: '001', set: { '/files/0/overview/acquisitionUse/purpose/value': '―' } },
  { rule: 'lifecycle.reassessmentSoon', seed: '004', today: '2030-02-18' },
  { rule: 'lifecycle.reassessmentSoon', seed: '004', today: '2030-08-19' },
  { rule: 'lifecycle.reassessmentOverdue', seed: '004', today: '2030-08-18' },
  { rule: 'lifecycle.annualReview', seed: '004', today: '2026-08-18' },
  { rule: 'lifecycle.termination', seed: '004' },
  { rule: 'publication.networkUnpublished', seed: '004' },
  {
    rule: 'acknowledgement.stale',
    seed: '004',
    set: { '/acknowledgements': [{ ruleId: 'consignment.count', reason: '委託事項は契約単位で数えるため' }] },
  },
  { rule: 'references.outdated', seed: '004' },
  { rule: 'references.outdated', seed: '001', snippets: true },
  { rule: 'withheld.wholeItem', seed: '004', set: withheld(MONITORING) },
  { rule: 'withheld.outsideArea', seed: '004', set: withheld(MONITORING) },
  { rule: 'withheld.published', seed: '004', set: withheld(MONITORING) },
];

const findingsOf = async ({ seed, set = {}, today = TODAY, snippets }: Case) => {
  const { form, data } = await seedCopy(seed);
  for (const [pointer, value] of Object.entries(set)) setAt(data, pointer, value);
  return checkAssessment(form, data, { today, ...(snippets ? { snippets: await bundledLibrary } : {}) });
};

const describeCase = (c: Case): string =>
  `${c.rule} on seed ${c.seed}${c.set ? ` with ${Object.keys(c.set).join(', ')}` : ''}${c.today ? ` on ${c.today}` : ''}`;

describe('each rule finds what it should, on mutated copies of the real seeds', () => {
  it.each(failing.map((c) => [describeCase(c), c] as const))('reports %s', async (_, c) => {
    const findings = (await findingsOf(c)).filter((finding) => finding.ruleId === c.rule);
    expect(findings.length).toBeGreaterThan(0);
    const rule = RULES.find((r) => r.id === c.rule)!;
    for (const finding of findings) {
      expect(finding.severity).toBe(rule.severity);
      expect(finding.message).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(finding.paths).toHaveLength(finding.pointers.length);
      expect(finding.section).toBe(finding.paths[0]!.split(' > ')[0]);
    }
  });

  it.each(passing.map((c) => [describeCase(c), c] as const))('stays silent: %s', async (_, c) => {
    expect((await findingsOf(c)).filter((finding) => finding.ruleId === c.rule)).toEqual([]);
  });

  it('has a failing and a passing case for every rule, and at least 20 rules', () => {
    expect(RULES.length).toBeGreaterThanOrEqual(20);
    const untested = RULES.map((rule) => rule.id).filter(
      (id) => !failing.some((c) => c.rule === id) || !passing.some((c) => c.rule === id),
    );
    expect(untested).toEqual([]);
  });
});
