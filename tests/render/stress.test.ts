import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { layoutAssessment } from '../../src/render/index.js';
import { PageBuilder } from '../../src/render/layout/page-builder.js';
import { loadAssessment } from '../../src/store/index.js';
import { makeTempDir, seedFile } from '../helpers/seeds.js';
import { renderAssets, renderToText, squash } from '../helpers/render.js';

type Data = Record<string, unknown>;
const clone = <T>(value: T): T => structuredClone(value);

/** 伊勢市's assessment grown to the limits the issue names: a 20,000-character cell, 30 systems, 50 委託事項, 200 変更箇所 rows. */
const stressAssessment = (seed: Data): Data => {
  const data = clone(seed);
  const basicInfo = data['basicInfo'] as Data;
  const sentence = '特定個人情報ファイルは、権限を付与された職員のみが取り扱い、操作ログを定期的に確認する。';
  basicInfo['business'] = { ...(basicInfo['business'] as Data), description: sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 20_000) };
  const system = (basicInfo['systems'] as Data[])[0]!;
  basicInfo['systems'] = Array.from({ length: 30 }, (_, index) => ({ ...clone(system), id: `system-${index + 1}`, name: `業務システム${index + 1}` }));
  const overview = ((data['files'] as Data[])[0]!['overview'] as Data);
  const consignment = overview['consignment'] as Data;
  const item = (consignment['items'] as Data[])[0]!;
  consignment['items'] = Array.from({ length: 50 }, (_, index) => ({ ...clone(item), id: `consignee-${index + 1}`, name: `委託業務${index + 1}` }));
  (consignment['status'] as Data)['count'] = 50;
  const row = (data['changeHistory'] as Data[])[0]!;
  data['changeHistory'] = Array.from({ length: 200 }, (_, index) => ({ ...clone(row), item: `変更箇所${index + 1}の項目` }));
  return data;
};

describe('layout limits', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let seed: Data;

  beforeAll(async () => {
    temp = await makeTempDir();
    seed = (await loadAssessment(seedFile('004-ise-yobosesshu'))).data;
  });
  afterAll(() => temp.cleanup());

  it('lays out the stress assessment with every text run inside its cell and the page', async () => {
    const tree = layoutAssessment('yoshiki3', stressAssessment(seed), await renderAssets());
    expect(tree.pages.length).toBeGreaterThan(60);
  });

  it('splits a cell longer than a page across pages, closing and reopening its borders, and loses no text', async () => {
    const data = stressAssessment(seed);
    const { text } = await renderToText('yoshiki3', data, temp.dir, 'stress');
    const description = String(((data['basicInfo'] as Data)['business'] as Data)['description']);
    const pages = text.split('\f').map((page) => squash(page.replace(/^- \d+ -$/gm, '')));
    const spanned = pages.filter((page) => page.includes('権限を付与された職員のみが取り扱い'));
    expect(spanned.length).toBeGreaterThanOrEqual(3);
    // Line by line, the long cell is the whole description in order across those pages.
    expect(squash(spanned.join('')).includes(squash(description).slice(0, 2000))).toBe(true);
    // On every page the cell runs through, the table is closed at its bottom and (re)opened at its top.
    const tree = layoutAssessment('yoshiki3', data, await renderAssets());
    const throughPages = tree.pages.filter((page) => page.items.some((item) => item.kind === 'text' && item.text.includes('権限を付与された職員')));
    expect(throughPages.length).toBeGreaterThanOrEqual(3);
    for (const page of throughPages) {
      const lines = page.items.flatMap((item) => (item.kind === 'line' ? [item] : []));
      const verticals = lines.filter((line) => line.x1 === line.x2);
      const top = Math.min(...verticals.map((line) => Math.min(line.y1, line.y2)));
      const bottom = Math.max(...verticals.map((line) => Math.max(line.y1, line.y2)));
      // The rules at that height, cell by cell, cover the table's full width.
      const ruleAt = (y: number): boolean =>
        lines.filter((line) => line.y1 === line.y2 && Math.abs(line.y1 - y) < 0.01).reduce((sum, line) => sum + line.x2 - line.x1, 0) >= 540;
      expect(ruleAt(top) && ruleAt(bottom)).toBe(true);
    }
  });

  it('repeats the 変更箇所 header on every page of the table', async () => {
    const data = stressAssessment(seed);
    const tree = layoutAssessment('yoshiki3', data, await renderAssets());
    const pagesWithRows = tree.pages.filter((page) => page.items.some((item) => item.kind === 'text' && /^変更箇所\d+の項目$/.test(item.text)));
    expect(pagesWithRows.length).toBeGreaterThan(5);
    for (const page of pagesWithRows) expect(page.items.some((item) => item.kind === 'text' && item.text === '変更前の記載')).toBe(true);
  });

  it('refuses text drawn outside its cell', () => {
    const page = new PageBuilder();
    const clip = { x: 30, y: 40, width: 50, height: 12 };
    expect(() => page.add({ kind: 'text', text: '枠からはみ出す文字列', x: 30, y: 40, font: 'mincho', size: 8.5, width: 85, clip })).toThrow(/outside its cell/);
    expect(() => page.add({ kind: 'text', text: '枠内', x: 30, y: 41, font: 'mincho', size: 8.5, width: 17, clip })).not.toThrow();
  });

  it('reports a character the fonts have no glyph for, naming it, instead of printing tofu', async () => {
    const data = clone(seed);
    (data['cover'] as Data)['specialNotes'] = '絵文字😀を含む特記事項';
    const assets = await renderAssets();
    let thrown: unknown;
    try {
      layoutAssessment('yoshiki3', data, assets);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('FONT_MISSING_GLYPH');
    expect((thrown as AppError).messageJa).toContain('「😀」(U+1F600)');
  });
});
