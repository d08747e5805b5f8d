import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatWareki } from '../src/domain/wareki.js';
import { outlineAssessment } from '../src/schema/index.js';
import { loadAssessment } from '../src/store/index.js';
import { formLabels } from './helpers/form-labels.js';
import { SEEDS, seedFile, seedTextFile } from './helpers/seeds.js';

const norm = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');

/** All text an assessment holds, as it would be printed: strings, 和暦 dates, inline record items joined by 、. */
const printedTexts = (value: unknown, out: string[] = []): string[] => {
  if (typeof value === 'string') {
    out.push(value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(formatWareki(value, 'numeric'));
  } else if (Array.isArray(value)) {
    value.forEach((item) => printedTexts(item, out));
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record['inline'] === true && Array.isArray(record['items'])) out.push(record['items'].join('、'));
    Object.values(record).forEach((item) => printedTexts(item, out));
  }
  return out;
};

/** The published text cut into fragments the way the fidelity tool does (HTML markup of 002 removed). */
const publishedFragments = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .normalize('NFKC')
    .split(/\s+/)
    .filter((fragment) => fragment.length >= 4);

describe.each(SEEDS)('seed $id ($dir)', (seed) => {
  it('validates against its form', async () => {
    const loaded = await loadAssessment(seedFile(seed.dir));
    expect(loaded.form).toBe(seed.form);
    expect(loaded.issues).toEqual([]);
  });

  it('holds the published text: its values plus the form labels cover the published fragments', async () => {
    const { data } = await loadAssessment(seedFile(seed.dir));
    const haystack = norm(printedTexts(data).join('\n')) + [...formLabels(seed.form)].join('\n');
    const fragments = publishedFragments(seedTextFile(seed.seedText));
    const total = fragments.reduce((sum, f) => sum + f.length, 0);
    const missing = fragments.filter((f) => !haystack.includes(f));
    const recall = 1 - missing.reduce((sum, f) => sum + f.length, 0) / total;
    // What remains is layout: ＜選択肢＞ boxes and [ ○ ] marks glued to neighbouring text by the PDF extraction,
    // 項目一覧 lines, 変更箇所 header rows and the label typos of 002 (事務に必要なのない, 従業員) that the form
    // labels correct. Content is compared exactly; a dropped paragraph costs more than this margin.
    expect(recall).toBeGreaterThan(0.975);
  });

  it('shows as an outline that follows the published structure', async () => {
    const { form, data } = await loadAssessment(seedFile(seed.dir));
    const labels = outlineAssessment(form!, data).map((line) => line.label);
    const sections = labels.filter((label) => /^[ⅠⅡⅢⅣⅤⅥ]　|^（別添/.test(label));
    expect(sections).toEqual(
      seed.form === 'yoshiki3'
        ? ['Ⅰ　基本情報', 'Ⅱ　特定個人情報ファイルの概要', '（別添１） 特定個人情報ファイル記録項目', 'Ⅲ　リスク対策　※（７．②を除く。）', 'Ⅳ　開示請求、問合せ', 'Ⅴ　評価実施手続', '（別添２） 変更箇所']
        : ['Ⅰ　基本情報', '（別添１） 事務の内容', 'Ⅱ　特定個人情報ファイルの概要', '（別添２） 特定個人情報ファイル記録項目', 'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）', 'Ⅳ　その他のリスク対策 ※', 'Ⅴ　開示請求、問合せ', 'Ⅵ　評価実施手続', '（別添３） 変更箇所'],
    );
  });
});

describe('seed facts from the form references', () => {
  it.each([
    ['001', 4, 4, 1, 1, 177],
    ['002', 4, 2, 2, 0, 67],
    ['004', 4, 1, 2, 0, 34],
  ] as const)('%s has %i systems, %i 委託事項, %i 提供先, %i 移転先 and %i 変更箇所 rows', async (id, systems, consignees, recipients, transferees, rows) => {
    const seed = SEEDS.find((s) => s.id === id)!;
    const { data } = await loadAssessment(seedFile(seed.dir));
    const assessment = data as {
      basicInfo: { systems: unknown[] };
      files: { overview: { consignment: { items: unknown[] }; provision: { recipients: unknown[]; transferees: unknown[] } } }[];
      changeHistory: unknown[];
    };
    const overview = assessment.files[0]!.overview;
    expect([
      assessment.basicInfo.systems.length,
      overview.consignment.items.length,
      overview.provision.recipients.length,
      overview.provision.transferees.length,
      assessment.changeHistory.length,
    ]).toEqual([systems, consignees, recipients, transferees, rows]);
  });
});
