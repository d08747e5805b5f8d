import { describe, expect, it } from 'vitest';
import { formRevisionOf, outlineAssessment } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { sectionsOf } from '../../ui/form/sections.js';
import { fixtureFile, seedFile } from '../helpers/seeds.js';

describe('the editor and pia show print the labels the PDF prints (from the schema)', () => {
  it('the editor heads Ⅲ with its ※ exclusion, so officers see that Ⅲ edits are 重要な変更', async () => {
    const ise = await loadAssessment(seedFile('004-ise-yobosesshu'));
    const headings = sectionsOf('yoshiki3', ise.data, formRevisionOf(ise.data)).map((section) => section.heading);
    expect(headings).toContain('Ⅲ　リスク対策　※（７．②を除く。）');
    const h30 = await loadAssessment(fixtureFile('h30-yoshiki4-two-files'));
    const headings4 = sectionsOf('yoshiki4', h30.data, formRevisionOf(h30.data)).map((section) => section.heading);
    expect(headings4.filter((heading) => heading === 'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）')).toHaveLength(2);
    expect(headings4).toContain('Ⅳ　その他のリスク対策 ※');
  });

  it('pia show prints the 記録項目 of the 別添 with their text, not bare numbers', async () => {
    const { data } = await loadAssessment(seedFile('004-ise-yobosesshu'));
    const lines = outlineAssessment('yoshiki3', data);
    const items = lines.findIndex((line) => line.label === '記録項目');
    expect(lines.slice(items + 1, items + 4).map((line) => line.label)).toEqual(['1.氏名（かな、漢字）', '2.生年月日', '3.年齢']);
    const depth = lines[items]!.depth + 1;
    const listed = lines.filter((line, index) => line.depth === depth && lines.slice(0, index).reverse().find((l) => l.depth < depth)?.label === '記録項目');
    expect(listed.length).toBeGreaterThan(30);
    expect(listed.filter((line) => /^\d+$/.test(line.label))).toEqual([]);
  });
});
