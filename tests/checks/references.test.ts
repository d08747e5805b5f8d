import { beforeAll, describe, expect, it } from 'vitest';
import { RULES, checkAssessment } from '../../src/checks/index.js';
import { createLibrary, type SnippetLibrary } from '../../src/snippets/index.js';
import { readSnippetLibrary } from '../../src/store/index.js';
import { ROOT } from '../helpers/seeds.js';
import { getAt, seedCopy, setAt } from './seed-fixtures.js';

const TODAY = '2025-10-01';
const CITING = '/files/0/riskMeasures/storage/otherRisks';

let library: SnippetLibrary;
beforeAll(async () => {
  library = createLibrary((await readSnippetLibrary(`${ROOT}/assessments`)).snippets);
});

const outdated = (findings: ReturnType<typeof checkAssessment>) => findings.filter((finding) => finding.ruleId === 'references.outdated');

describe('references.outdated: citations of documents the library declares replaced', () => {
  it('is a WARN rule', () => {
    expect(RULES.find((rule) => rule.id === 'references.outdated')?.severity).toBe('WARN');
  });

  it('warns where 004 still cites the ガバメントクラウド 利用基準 第1.0版, with the successor and what to do', async () => {
    const { form, data } = await seedCopy('004');
    const findings = outdated(checkAssessment(form, data, { today: TODAY, snippets: library }));
    expect(findings).toEqual([
      {
        ruleId: 'references.outdated',
        severity: 'WARN',
        section: 'Ⅲ　リスク対策',
        pointers: [CITING],
        paths: ['Ⅲ　リスク対策 > ７．特定個人情報の保管・消去 > 特定個人情報の保管・消去におけるその他のリスク及びそのリスクに対する措置'],
        message:
          '「ガバメントクラウドの利用に関する基準【第1.0版】」を引用していますが、この文書は「地方公共団体情報システムのガバメントクラウドの利用に関する基準【第2.0版】」（令和6年4月）に改められています。引用を後継の文書に改め、記載がその内容に合っているか確認してください（標準文「ガバメントクラウドにおける措置（保管・消去におけるその他のリスク）」による）。',
      },
    ]);
  });

  it('finds the citation however its digits and spaces are typed, in any text item', async () => {
    const { form, data } = await seedCopy('001');
    setAt(data, '/otherRiskMeasures/otherMeasures', '「ガバメントクラウドの利用に関する 基準【第１．０版】」に基づき運用する。');
    expect(outdated(checkAssessment(form, data, { today: TODAY, snippets: library })).map((f) => f.pointers[0])).toEqual([
      '/otherRiskMeasures/otherMeasures',
    ]);
  });

  it('says nothing once the citation names the successor, nor about quotes in the 変更箇所 rows', async () => {
    const { form, data } = await seedCopy('004');
    setAt(data, CITING, String(getAt(data, CITING)).replace('【第1.0版】', '【第2.0版】'));
    const rows = data['changeHistory'] as { before: string }[];
    rows[0]!.before = '「地方公共団体情報システムのガバメントクラウドの利用に関する基準【第1.0版】」';
    expect(outdated(checkAssessment(form, data, { today: TODAY, snippets: library }))).toEqual([]);
  });

  it('does not run for callers that have no library', async () => {
    const { form, data } = await seedCopy('004');
    expect(outdated(checkAssessment(form, data, { today: TODAY }))).toEqual([]);
  });
});
