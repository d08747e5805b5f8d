import { describe, expect, it } from 'vitest';
import { CONTENT_BOTTOM, PAGE, TYPE } from '../../src/render/layout/geometry.js';
import { layoutDocument } from '../../src/render/layout/document.js';
import type { Block, DocTree, Measure, Row } from '../../src/render/layout/types.js';
import path from 'node:path';
import { layoutAssessment } from '../../src/render/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { headingTexts, isHeadingText, strandedHeadings } from '../helpers/layout.js';
import { renderAssets } from '../helpers/render.js';
import { FIXTURES, ROOT, SEEDS, fixtureFile, seedFile } from '../helpers/seeds.js';

// Every character one em wide: the layout is pure, so a test needs no font.
const measure: Measure = (text, _font, size) => [...text].length * size;
const options = { measure, imageSize: () => ({ width: 400, height: 300 }) };

const cell = (text: string, width?: number) => ({ paragraphs: [{ text }], ...(width ? { width } : {}) });
const heading = (text: string): Row => ({ cells: [cell(text)], keep: true });
const item = (label: string, lines: number): Row => ({
  cells: [cell(label, 128), cell(Array.from({ length: lines }, (_, i) => `本文${label}の${i + 1}行目`).join('\n'))],
});

/** Content after a chain: one line, a row short enough to move whole, a long row that splits, a row taller than a page. */
const CONTENT_LINES = [1, 5, 12, 80];
/** The chain: a band, a group title row, a two-line 「リスク：」 caption. */
const CHAIN: Row[] = [heading('４．特定個人情報ファイルの取扱いの委託'), heading('委託事項1'), heading('リスク：　委託先における不正な使用等のリスク\n（続き）')];

const tree = (blocks: Block[]): DocTree => layoutDocument({ title: '', author: '', blocks }, options);
const stranded = (blocks: Block[]) => strandedHeadings(tree(blocks), isHeadingText(headingTexts({ title: '', author: '', blocks })));

describe('a heading chain stays with the first line of what it introduces, wherever the page breaks', () => {
  // Moving the table down a quarter line at a time puts the page break at every line of the chain and the content.
  const offsets = Array.from({ length: Math.ceil((CONTENT_BOTTOM - PAGE.marginTop) / (TYPE.lineHeight / 4)) }, (_, i) => (i * TYPE.lineHeight) / 4);

  it.each(CONTENT_LINES)('in a table: chain, then a %i-line row', (lines) => {
    for (const offset of offsets) {
      const blocks: Block[] = [{ kind: 'spacer', height: offset }, { kind: 'table', repeatHeader: false, rows: [item('前', 1), ...CHAIN, item('後', lines)] }];
      expect({ offset, stranded: stranded(blocks) }).toEqual({ offset, stranded: [] });
    }
  });

  it.each(CONTENT_LINES)('after filler rows: the chain starts at every line of a page, then a %i-line row', (lines) => {
    for (let filler = 0; filler < 70; filler += 1) {
      const rows = [...Array.from({ length: filler }, (_, i) => item(`埋${i}`, 1)), ...CHAIN, item('後', lines)];
      expect({ filler, stranded: stranded([{ kind: 'table', repeatHeader: false, rows }]) }).toEqual({ filler, stranded: [] });
    }
  });

  it.each(CONTENT_LINES)('a heading block stacked on a table that opens with the chain, then a %i-line row', (lines) => {
    for (const offset of offsets) {
      const blocks: Block[] = [
        { kind: 'spacer', height: offset },
        { kind: 'heading', text: 'Ⅲ　リスク対策　※（７．②を除く。）' },
        { kind: 'table', repeatHeader: false, rows: [...CHAIN, item('後', lines)] },
      ];
      expect({ offset, stranded: stranded(blocks) }).toEqual({ offset, stranded: [] });
    }
  });

  it('a repeated table header is kept with the first row under it', () => {
    const header: Row = { cells: [cell('変更日', 76), cell('項目')], header: true };
    for (const offset of offsets) {
      const blocks: Block[] = [{ kind: 'spacer', height: offset }, { kind: 'heading', text: '（別添２）変更箇所' }, { kind: 'table', repeatHeader: true, rows: [header, item('行', 4), item('行', 4)] }];
      expect({ offset, stranded: stranded(blocks) }).toEqual({ offset, stranded: [] });
    }
  });

  it('loses no row and keeps the chain together when it moves', () => {
    const laidOut = tree([{ kind: 'spacer', height: CONTENT_BOTTOM - PAGE.marginTop - 3 * TYPE.lineHeight }, { kind: 'table', repeatHeader: false, rows: [...CHAIN, item('後', 5)] }]);
    const pageOf = (text: string): number => laidOut.pages.findIndex((page) => page.items.some((i) => i.kind === 'text' && i.text === text));
    expect(['４．特定個人情報ファイルの取扱いの委託', '委託事項1', '（続き）', '本文後の1行目', '本文後の5行目'].map(pageOf)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('no page of a real document ends with a heading', () => {
  it.each([...SEEDS.map((seed) => seedFile(seed.dir)), ...FIXTURES.map(fixtureFile)].map((file) => path.relative(ROOT, file)))('%s', async (file) => {
    const { form, data } = await loadAssessment(path.join(ROOT, file));
    // The laid-out tree marks the text of headings and heading rows (role 'heading'), as a tagged PDF will need.
    const laidOut = layoutAssessment(form!, data, await renderAssets());
    expect(strandedHeadings(laidOut, (text) => text.role === 'heading')).toEqual([]);
  });
});
