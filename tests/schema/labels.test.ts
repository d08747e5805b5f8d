import { describe, expect, it } from 'vitest';
import { formatWareki } from '../../src/domain/wareki.js';
import { formRoot, isImportant, itemPath, printedLabel, splitPointer } from '../../src/schema/index.js';

describe('official labels and item paths', () => {
  it('builds the Japanese item path of a nested repeated-group item', () => {
    const path = itemPath('yoshiki3', splitPointer('/files/0/overview/consignment/items/0/reconsignment'));
    expect(path).toEqual([
      'Ⅱ　特定個人情報ファイルの概要',
      '４．特定個人情報ファイルの取扱いの委託',
      '委託事項1',
      '④再委託の有無',
    ]);
  });

  it('numbers the section with the file when there are several files, as published citations do', () => {
    const path = itemPath('yoshiki4', splitPointer('/files/1/riskMeasures/storage/risk1/technical/method'), { fileCount: 2 });
    expect(path).toEqual([
      'Ⅲ（2）　特定個人情報ファイルの取扱いプロセスにおけるリスク対策',
      '７．特定個人情報の保管・消去',
      'リスク１：　特定個人情報の漏えい・滅失・毀損リスク',
      '⑥技術的対策',
      '具体的な対策の内容',
    ]);
  });

  it('prints labels with their ※ marks and suffixes', () => {
    expect(printedLabel(formRoot('yoshiki3'))).toBe('特定個人情報保護評価書（重点項目評価書）');
    const path = itemPath('yoshiki3', ['procedures', 'publicComment']);
    expect(path).toEqual(['Ⅴ　評価実施手続', '２．国民・住民等からの意見の聴取']);
  });

  it.each([
    ['yoshiki3', '/files/0/riskMeasures/use/risk1/measures', true],
    ['yoshiki3', '/files/0/riskMeasures/storage/risk/seriousAccident/detail', false],
    ['yoshiki3', '/files/0/overview/basic/personScope/necessity', true],
    ['yoshiki3', '/files/0/overview/basic/recordItems/validity', false],
    ['yoshiki3', '/basicInfo/department/name', false],
    ['yoshiki4', '/files/0/riskMeasures/storage/risk1/seriousAccident/value', false],
    ['yoshiki4', '/files/0/riskMeasures/storage/risk1/deceased/value', true],
    ['yoshiki4', '/otherRiskMeasures/training/method', true],
    ['yoshiki4', '/files/0/overview/consignment/items/2/scope/personScope', true],
    ['yoshiki4', '/files/0/overview/consignment/items/2/scope/validity', false],
  ] as const)('%s %s is a 重要な変更 item: %s', (form, pointer, expected) => {
    expect(isImportant(form, splitPointer(pointer))).toBe(expected);
  });

  it('formats ISO dates in 和暦 with Intl, including the first year of an era', () => {
    expect(formatWareki('2025-08-19')).toBe('令和7年8月19日');
    expect(formatWareki('2016-01-01')).toBe('平成28年1月1日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
    expect(formatWareki('2019-05-01', 'numeric')).toBe('令和1年5月1日');
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
  });
});
