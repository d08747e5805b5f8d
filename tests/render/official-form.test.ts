import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layoutAssessment, renderMarkup, type RenderAssets } from '../../src/render/index.js';
import type { Block, DocumentBlocks, Row } from '../../src/render/layout/types.js';
import { parseMarkup } from '../../src/render/text/markup.js';
import { FORM_IDS, childNode, choiceOptions, formRoot, keyword, validateAssessment, type FormId } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { renderAssets, renderToText, squash } from '../helpers/render.js';
import { FIXTURES, ROOT, SEEDS, fixtureFile, formReference, makeTempDir, seedFile } from '../helpers/seeds.js';

type Data = Record<string, unknown>;
type Doc = { form: FormId; data: Data };

const load = async (file: string): Promise<Doc> => {
  const { form, data } = await loadAssessment(file);
  return { form: form!, data };
};
const blocksOf = (doc: Doc, assets: RenderAssets): DocumentBlocks => parseMarkup(renderMarkup(doc.form, doc.data, assets));
const cellTexts = (row: Row): string[] => row.cells.flatMap((cell) => cell.paragraphs.map((p) => p.text));
const tables = (blocks: DocumentBlocks): Extract<Block, { kind: 'table' }>[] =>
  blocks.blocks.filter((block): block is Extract<Block, { kind: 'table' }> => block.kind === 'table');
const headings = (blocks: DocumentBlocks): string[] =>
  blocks.blocks.flatMap((block) => (block.kind === 'heading' ? [block.text] : []));

let assets: RenderAssets;
let h30: Doc;
let r6: Doc;
beforeAll(async () => {
  assets = await renderAssets();
  h30 = await load(fixtureFile('h30-yoshiki4-two-files'));
  r6 = await load(fixtureFile('r6-yoshiki3-ended'));
});

describe('2. the revision stamp of every form × revision', () => {
  // The stamps the references quote from published covers (yoshiki3.md C.7, yoshiki4.md 表紙-様式).
  const referenceStamps = (form: FormId): string[] => {
    const row = readFileSync(formReference(form), 'utf8')
      .split('\n')
      .find((line) => line.startsWith(form === 'yoshiki3' ? '| C.7 |' : '| 表紙-様式 |'))!;
    return [...new Set(row.match(/\[(?:令和|平成)[^\]]*様式[３４]\]/g))];
  };

  it.each(FORM_IDS)('%s: each revision prints its stamp, as the references quote it', async (form) => {
    const seed = await load(seedFile(form === 'yoshiki3' ? '004-ise-yobosesshu' : '001-kitakyushu-yobosesshu'));
    const formName = keyword<{ name: string }>(formRoot(form), 'x-form')!.name;
    const revisions = choiceOptions(childNode(formRoot(form), 'formRevision')!)!;
    const stamps = revisions.map((revision) => blocksOf({ form, data: { ...seed.data, formRevision: revision } }, assets).stamp);
    expect(stamps).toEqual(revisions.map((revision) => `[${revision}　${formName}]`));
    expect(referenceStamps(form).length).toBeGreaterThanOrEqual(2);
    for (const reference of referenceStamps(form)) expect(stamps).toContain(reference);
  });
});

describe('3. printed-empty slots', () => {
  /** The label rows of one section's table, in order. */
  const labelRows = (blocks: DocumentBlocks): string[] =>
    tables(blocks).flatMap((table) => table.rows.filter((row) => row.keep).map((row) => cellTexts(row)[0]!));

  it('a file that provides and transfers nothing prints empty 提供先1 and 移転先1 blocks with labels, boxes and ＜選択肢＞', () => {
    const blocks = blocksOf(h30, assets);
    const file2 = tables(blocks).find((table) => table.rows.some((row) => cellTexts(row).includes('統合番号連携ファイル')))!;
    const texts = file2.rows.flatMap(cellTexts);
    const at = (text: string, from = 0): number => texts.indexOf(text, from);
    const transferee = at('移転先1');
    expect(at('提供先1')).toBeGreaterThan(0);
    expect(transferee).toBeGreaterThan(at('提供先1'));
    expect(at('移転先2～5')).toBeGreaterThan(transferee);
    const block = texts.slice(transferee, at('移転先2～5'));
    expect(block).toEqual(expect.arrayContaining(['①法令上の根拠', '④移転する情報の対象となる本人の数', '[ ]', '⑦時期・頻度']));
    expect(block.some((text) => text.startsWith('[ ] 庁内連携システム'))).toBe(true);
    const choice = file2.rows.find((row) => cellTexts(row).includes('④移転する情報の対象となる本人の数') && texts.indexOf('移転先1') >= 0);
    expect(choice?.cells.at(-1)?.box?.title).toBe('＜選択肢＞');
  });

  it('slots a document prints empty (システム5・6, 委託事項4～10) are printed, valid and not counted', () => {
    const rows = labelRows(blocksOf(h30, assets));
    expect(rows).toEqual(expect.arrayContaining(['システム5', 'システム6', '委託事項4', '委託事項6～10', '委託事項10']));
    expect(validateAssessment(h30.data).issues).toEqual([]);
  });

  it.each([...SEEDS.map((seed) => seedFile(seed.dir)), ...FIXTURES.map(fixtureFile)].map((file) => path.relative(ROOT, file)))('a range row never prints without slot 1 above it: %s', async (file) => {
    const doc = await load(path.join(ROOT, file));
    for (const table of tables(blocksOf(doc, assets))) {
      const rows = table.rows.filter((row) => row.keep).map((row) => cellTexts(row)[0]!);
      rows.forEach((text, index) => {
        const range = /^(.+?)2～5$/.exec(text);
        if (range) expect({ range: text, slot1: rows.slice(0, index).includes(`${range[1]}1`) }).toEqual({ range: text, slot1: true });
      });
    }
  });
});

describe('4. 項目一覧 and headings exactly as printed', () => {
  const contents = (blocks: DocumentBlocks): string[] => {
    const title = blocks.blocks.findIndex((block) => block.kind === 'title' && block.text === '項目一覧');
    const table = blocks.blocks.slice(title).find((block) => block.kind === 'table') as Extract<Block, { kind: 'table' }>;
    return table.rows.flatMap(cellTexts).filter((text) => text !== '');
  };

  it('様式４: the nine lines of yoshiki4.md §2, with the U+3000 indents of the 別添 lines', () => {
    const reference = readFileSync(formReference('yoshiki4'), 'utf8').match(/^\d\. `(.+)`$/gm)!.map((line) => line.replace(/^\d\. `|`$/g, ''));
    expect(reference).toHaveLength(9);
    expect(contents(blocksOf(h30, assets))).toEqual(reference);
  });

  it('様式３: the seven lines of yoshiki3.md §1.1', () => {
    const text = readFileSync(formReference('yoshiki3'), 'utf8');
    const reference = text.slice(text.indexOf('```\n項目一覧\n') + '```\n項目一覧\n'.length).split('\n```')[0]!.split('\n');
    expect(reference).toHaveLength(7);
    expect(contents(blocksOf(r6, assets))).toEqual(reference);
  });

  it('section pages print their own headings: ※ on Ⅲ and Ⅳ, no file numbers, the 別添 spellings of the pages', () => {
    // yoshiki4.md §2 (（別添1） half-width, （別添３）変更箇所 without a space), §7, §8; yoshiki3.md §5, §9.1.
    expect(headings(blocksOf(h30, assets))).toEqual([
      'Ⅰ　基本情報',
      '（別添1） 事務の内容',
      'Ⅱ　特定個人情報ファイルの概要',
      'Ⅱ　特定個人情報ファイルの概要',
      '（別添２） 特定個人情報ファイル記録項目',
      'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）',
      'Ⅲ　特定個人情報ファイルの取扱いプロセスにおけるリスク対策 ※（７．リスク１⑨を除く。）',
      'Ⅳ　その他のリスク対策 ※',
      'Ⅴ　開示請求、問合せ',
      'Ⅵ　評価実施手続',
      '（別添３）変更箇所',
    ]);
    expect(headings(blocksOf(r6, assets))).toEqual([
      'Ⅰ　基本情報',
      'Ⅱ　特定個人情報ファイルの概要',
      '（別添１） 特定個人情報ファイル記録項目',
      'Ⅲ　リスク対策　※（７．②を除く。）',
      'Ⅳ　開示請求、問合せ',
      'Ⅴ　評価実施手続',
      '（別添２）変更箇所',
    ]);
  });
});

describe('5. dates of imported rows keep their spelling, and never wrap', () => {
  const dateCells = (blocks: DocumentBlocks): string[] => {
    const table = tables(blocks).at(-1)!;
    return table.rows.filter((row) => !row.header).map((row) => cellTexts(row)[0]!);
  };

  it('an imported row dated 令和1年 is reprinted 令和1年; rows without their own spelling follow the document style', () => {
    expect(dateCells(blocksOf(h30, assets))).toEqual([
      '平成31年1月28日',
      '令和1年5月24日',
      '令和1年11月26日',
      '令和3年6月15日',
      '令和4年6月28日',
      '令和5年8月4日',
      '令和6年4月30日',
    ]);
    const rows = (h30.data['changeHistory'] as Data[]).map(({ dateText: _, ...row }) => row);
    const numeric = { ...h30.data, changeHistory: rows, printSettings: { eraFirstYear: '1年', unusedSlots: null } };
    const gannen = { ...h30.data, changeHistory: rows, cover: { ...(h30.data['cover'] as Data), publishedOn: '2019-05-01' } };
    expect(dateCells(blocksOf({ form: 'yoshiki4', data: gannen }, assets)).slice(1, 3)).toEqual(['令和元年5月24日', '令和元年11月26日']);
    expect(dateCells(blocksOf({ form: 'yoshiki4', data: numeric }, assets)).slice(1, 3)).toEqual(['令和1年5月24日', '令和1年11月26日']);
    const cover = tables(blocksOf({ form: 'yoshiki4', data: gannen }, assets)).flatMap((table) => table.rows.flatMap(cellTexts));
    expect(cover).toContain('令和元年5月1日');
  });

  it('the 変更日 column prints every date on one line, whatever its spelling', () => {
    const spellings = ['令和元年11月26日', '令和元年１２月２８日', '令和1年11月26日', '平成31年12月28日', '令和12年12月28日'];
    const base = (h30.data['changeHistory'] as Data[])[0]!;
    const data = { ...h30.data, changeHistory: spellings.map((dateText) => ({ ...base, dateText })) };
    const tree = layoutAssessment('yoshiki4', data, assets);
    const drawn = tree.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' ? [item.text] : [])));
    for (const spelling of spellings) expect(drawn).toContain(spelling);
  });
});

describe('6. a diagram without an image keeps its text', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir();
  });
  afterAll(() => temp.cleanup());

  it('prints the text alternative in a frame where the image would be, selectable in the PDF', async () => {
    const blocks = blocksOf(h30, assets);
    const figure = blocks.blocks.find((block) => block.kind === 'figure-text');
    const diagram = ((h30.data['businessAnnex'] as Data)['diagrams'] as Data[])[0]!;
    expect(figure).toEqual({ kind: 'figure-text', paragraphs: [{ text: diagram['alt'], align: 'left' }] });
    const { text } = await renderToText('yoshiki4', h30.data, temp.dir, 'h30');
    for (const line of String(diagram['alt']).split('\n')) expect(squash(text)).toContain(squash(line));
  });

  it('keeps the text with an image as its alt text, and refuses a diagram with neither', () => {
    const withImage = { ...h30.data, businessAnnex: { ...(h30.data['businessAnnex'] as Data), diagrams: [{ file: 'flow.png', caption: '', alt: '事務の流れ' }] } };
    const image = blocksOf({ form: 'yoshiki4', data: withImage }, assets).blocks.find((block) => block.kind === 'image');
    expect(image).toEqual({ kind: 'image', src: 'flow.png', alt: '事務の流れ' });
    const neither = { ...h30.data, businessAnnex: { ...(h30.data['businessAnnex'] as Data), diagrams: [{ file: null, caption: '図' }] } };
    expect(validateAssessment(neither).issues.map((issue) => issue.pointer)).toEqual(['/businessAnnex/diagrams/0/alt']);
  });
});
