/**
 * A reviewer's redline of 004's revision 2 against revision 1: the official layout with insertions underlined and
 * coloured, deletions struck through, a bar beside every changed row, the new 変更箇所 rows marked; unchanged
 * items print as in the PDF itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicationTools } from '../../src/publishing.js';
import { layoutAssessment, type DocTree } from '../../src/render/index.js';
import { mergeText } from '../../src/render/text/redline.js';
import { parseMarks, sidesOf } from '../../src/render/layout/marks.js';
import { redlineRequest } from '../../src/workflows/index.js';
import { inflatedPdf, pageText, untaggedTextOperators } from '../helpers/pdf.js';
import { iseWithHistory } from '../helpers/publication.js';
import { renderAssets, squash } from '../helpers/render.js';
import { makeTempDir } from '../helpers/seeds.js';

type Text = Extract<DocTree['pages'][number]['items'][number], { kind: 'text' }>;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let tree: DocTree;
let pdf: Uint8Array;
const tools = createPublicationTools();

beforeAll(async () => {
  temp = await makeTempDir();
  const { workflow } = await iseWithHistory(temp.dir, { second: true });
  const { request } = await redlineRequest(workflow, { from: 1, to: 2 }, tools);
  tree = layoutAssessment(request.form, request.data, await renderAssets(), { changeRows: request.changeRows, redline: request.redline! });
  pdf = await tools.render(request);
}, 180_000);
afterAll(() => temp.cleanup());

const runs = (kind: 'ins' | 'del'): string => tree.pages.flatMap((page) => page.items.filter((item): item is Text => item.kind === 'text' && item.mark === kind).map((item) => item.text)).join('');

describe('the redline of two revisions of 004', () => {
  it('marks the line added to Ⅲ７ as inserted and the line removed as deleted, whole', () => {
    expect(runs('ins')).toContain('・監視の結果は月に一度、健康課と情報政策課が確認する。');
    expect(runs('del')).toContain('・事前に許可されていない装置等に関しては、外部に持出できないこととしている。');
  });

  it('marks a word added to a short text, and a box ticked, as inserted', () => {
    expect(runs('ins')).toContain('（自治体中間サーバー・プラットフォーム）');
    expect(runs('ins')).toContain('○');
    expect(runs('del')).not.toContain('中間サーバー');
  });

  it('underlines inserted runs and strikes deleted ones, in their colours, and draws a bar beside each changed row', () => {
    for (const page of tree.pages) {
      const rules = page.items.filter((item) => item.kind === 'line' && item.color !== undefined);
      for (const text of page.items.filter((item): item is Text => item.kind === 'text' && item.mark !== undefined)) {
        // Inserted: a rule under the run; deleted: a rule through its middle, each in the run's colour and width.
        const y = text.mark === 'ins' ? text.y + text.size + 1.2 : text.y + text.size * 0.55;
        const rule = rules.find((line) => line.kind === 'line' && line.color === text.mark && Math.abs(line.x1 - text.x) < 0.01 && Math.abs(line.y1 - y) < 0.01);
        expect(rule, text.text).toMatchObject({ x2: expect.closeTo(text.x + text.width, 2) });
      }
    }
    const items = tree.pages.flatMap((page) => page.items);
    const bars = items.filter((item) => item.kind === 'fill' && item.color === 'bar');
    // Ⅰ２ システム1 ③ and システム2 ①, Ⅲ７ over its pages, three new 変更箇所 rows (several pages for Ⅲ７'s).
    expect(bars.length).toBeGreaterThanOrEqual(6);
    expect(inflatedPdf(pdf)).toMatch(/0 0\.3 0\.75 rg/);
    expect(inflatedPdf(pdf)).toMatch(/0\.78 0\.1 0\.1 RG/);
  });

  it('marks revision 2’s 変更箇所 rows as inserted and leaves the rows both revisions print unmarked', () => {
    expect(runs('ins')).toContain('令和7年10月1日');
    expect(runs('ins')).not.toContain('令和7年3月27日');
  });

  it('prints both versions’ text in the official layout, every run tagged, and says what it is', () => {
    const text = squash(pageText(pdf, temp.dir, 'redline'));
    expect(text).toContain(squash('・監視の結果は月に一度、健康課と情報政策課が確認する。'));
    expect(text).toContain(squash('・事前に許可されていない装置等に関しては、外部に持出できないこととしている。'));
    expect(untaggedTextOperators(pdf)).toBe(0);
    expect(inflatedPdf(pdf)).not.toMatch(/[\uE000-\uE003]/);
  });

  it('says on every page which versions it compares and what the marks mean, as an artifact outside the structure', () => {
    const legend = '見え消し　第1版 → 第2版';
    for (const page of tree.pages) {
      const note = page.items.find((item): item is Text => item.kind === 'text' && item.text.startsWith(legend));
      expect(note).toMatchObject({ artifact: 'pagination', text: expect.stringContaining('青の下線：追加　赤の取消線：削除') });
    }
    const pages = pageText(pdf, temp.dir, 'redline-legend').split('\f').filter((page) => page.trim() !== '');
    expect(pages.every((page) => page.includes('第1版 → 第2版'))).toBe(true);
  });
});

describe('merging two texts', () => {
  it('compares word by word within a line, and aligns lines first in a text of several', () => {
    const words = mergeText('バックアップは毎日取得する', 'バックアップは毎週取得する');
    expect(sidesOf(words)).toEqual({ before: 'バックアップは毎日取得する', after: 'バックアップは毎週取得する' });
    expect(parseMarks(words).marks.map((mark) => mark.kind).sort()).toEqual(['del', 'ins']);
    expect(parseMarks(words).text.startsWith('バックアップは')).toBe(true);
    const merged = parseMarks(mergeText('一行目\n二行目\n三行目', '一行目\n新しい行\n二行目\n三行目'));
    expect(merged.text).toBe('一行目\n新しい行\n二行目\n三行目');
    expect(merged.marks).toEqual([{ start: 4, end: 9, kind: 'ins' }]);
    expect(mergeText('同じ', '同じ')).toBe('同じ');
  });
});
