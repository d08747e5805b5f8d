/**
 * The 公表版 of every sample as a tagged PDF (PDF/UA-1 aims), checked with poppler: every text run is in a
 * structure element or an artifact; the structure's text, in order, is the form's text in printed order; parts,
 * items and risks are H1/H2/H3; the form tables are tables of TH (labels) and TD; check-box lines are lists;
 * running headers and page numbers are artifacts; bookmarks for the parts, numbered items and 別添; same bytes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicationTools } from '../../src/publishing.js';
import { layoutAssessment, renderPdfBuffer, type StructNode } from '../../src/render/index.js';
import { loadAssessment, openAssessmentFile } from '../../src/store/index.js';
import { fixedClock, printVariant, type RenderRequest } from '../../src/workflows/index.js';
import { bookmarks, inflatedPdf, pageText, pdfStrings, structureLines, structureText, untaggedTextOperators, type StructLine } from '../helpers/pdf.js';
import { renderAssets, squash } from '../helpers/render.js';
import { SEEDS, fixtureFile, seedFile } from '../helpers/seeds.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pia-tagged-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tools = createPublicationTools();

const publicOf = async (file: string): Promise<{ request: RenderRequest; pdf: Uint8Array }> => {
  const workflow = { store: await openAssessmentFile(file), clock: fixedClock('2025-10-01') };
  const { request } = await printVariant(workflow, undefined, 'public', tools);
  return { request, pdf: await tools.render(request) };
};

const texts = (lines: readonly StructLine[]): string[] => lines.flatMap((line) => ('text' in line ? [line.text] : []));
const roles = (lines: readonly StructLine[]): string[] => lines.flatMap((line) => ('role' in line ? [line.role] : []));

/** The text under each element of `role`, in order. */
const textsOf = (lines: readonly StructLine[], role: string): string[] => {
  const found: string[] = [];
  lines.forEach((line, index) => {
    if (!('role' in line) || line.role !== role) return;
    const parts: string[] = [];
    for (const next of lines.slice(index + 1)) {
      if (next.depth <= line.depth) break;
      if ('text' in next) parts.push(next.text);
    }
    found.push(parts.join(''));
  });
  return found;
};

describe.each(SEEDS)('the 公表版 of sample $id, tagged', (seed) => {
  let pdf: Uint8Array;
  let request: RenderRequest;
  let lines: StructLine[];
  beforeAll(async () => {
    ({ pdf, request } = await publicOf(seedFile(seed.dir)));
    lines = structureLines(structureText(pdf, dir, seed.id));
  }, 120_000);

  it('is a tagged PDF 1.7 in Japanese with its title displayed, PDF/UA identified, every text run tagged or an artifact', () => {
    const raw = inflatedPdf(pdf);
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(ja\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(untaggedTextOperators(pdf)).toBe(0);
  });

  it('reads, in the structure tree, the form text in printed order (a cell split over pages whole), and nothing the pages repeat', async () => {
    const tree = layoutAssessment(request.form, request.data, await renderAssets(), { changeRows: request.changeRows });
    const runs = new Map<number, string[]>();
    for (const item of tree.pages.flatMap((page) => page.items)) {
      if (item.kind === 'text' && item.tag !== undefined) runs.set(item.tag, [...(runs.get(item.tag) ?? []), item.text]);
    }
    // The printed order is the layout's: row by row down the pages, each cell's text whole before the next cell's.
    const inOrder = (node: StructNode): string[] => [...(runs.get(node.id) ?? []), ...node.children.flatMap(inOrder)];
    expect(squash(texts(lines).join(''))).toBe(squash(inOrder(tree.structure).join('')));
    const printed = tree.pages.flatMap((page) => page.items.flatMap((item) => (item.kind === 'text' && item.tag !== undefined ? [item.text] : [])));
    expect(squash(inOrder(tree.structure).join('')).length).toBe(squash(printed.join('')).length);
    // Page numbers are pagination artifacts: on the pages, never in the structure.
    expect(pageText(pdf, dir, `${seed.id}-text`)).toContain('- 2 -');
    expect(texts(lines).some((text) => /^- \d+ -$/.test(text))).toBe(false);
  });

  it('has the parts as H1 in the 項目一覧 order, numbered items as H2 and risks or entries as H3', () => {
    const h1 = textsOf(lines, 'H1');
    expect(h1[0]).toMatch(/^特定個人情報保護評価書（(重点項目|全項目)評価書）$/);
    expect(h1[1]).toBe('項目一覧');
    const parts = h1.slice(2).map((text) => text.slice(0, 3));
    expect(parts.filter((part) => /^[ⅠⅡⅢⅣⅤⅥ]/.test(part)).map((part) => part[0])).toEqual(
      seed.form === 'yoshiki4' ? ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ', 'Ⅵ'] : ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ'],
    );
    expect(h1.some((text) => text.includes('別添') && text.includes('変更箇所'))).toBe(true);
    const h2 = textsOf(lines, 'H2');
    expect(h2.length).toBeGreaterThan(20);
    expect(h2.every((text) => /^[０-９0-9]+．|^（別添/.test(text))).toBe(true);
    const h3 = textsOf(lines, 'H3');
    expect(h3.some((text) => text.startsWith('リスク'))).toBe(true);
    // No heading level is skipped: every H3 comes after some H2 since the last H1.
    let level = 0;
    for (const role of roles(lines).filter((r) => /^H\d$/.test(r))) {
      const next = Number(role.slice(1));
      expect(next).toBeLessThanOrEqual(level + 1 || 1);
      level = next;
    }
  });

  it('tags the form tables: labels as row headers (TH), values as TD, header rows as column headers, check boxes as lists', () => {
    const all = roles(lines);
    expect(all.filter((role) => role === 'Table').length).toBeGreaterThan(20);
    expect(all).toContain('TR');
    const th = textsOf(lines, 'TH');
    expect(th).toContain('①システムの名称');
    expect(th).toContain('評価実施機関名');
    expect(textsOf(lines, 'TD').length).toBeGreaterThan(th.length / 2);
    const raw = inflatedPdf(pdf);
    expect(raw).toMatch(/\/Scope \/Row/);
    expect(raw).toMatch(/\/Scope \/Column/);
    expect(textsOf(lines, 'LBody').some((text) => text.startsWith('[ ○ ]') || text.startsWith('[ ]'))).toBe(true);
    expect(textsOf(lines, 'Caption')).toContain('＜選択肢＞');
  });

  it('keeps the 変更箇所 header once in the structure although every page of the table prints it', () => {
    const header = '提出時期に係る説明';
    expect(textsOf(lines, 'TH').filter((text) => text === header)).toHaveLength(1);
    const printed = pageText(pdf, dir, `${seed.id}-header`).split(header).length - 1;
    expect(printed).toBeGreaterThanOrEqual(1);
  });

  it('has bookmarks for the cover, 項目一覧, every part and 別添 (level 1) and every numbered item (level 2)', () => {
    const marks = bookmarks(pdf);
    const top = marks.filter((mark) => mark.level === 1).map((mark) => mark.title);
    expect(top).toEqual(textsOf(lines, 'H1'));
    expect(marks.filter((mark) => mark.level === 2).map((mark) => mark.title)).toEqual(textsOf(lines, 'H2'));
    expect(inflatedPdf(pdf)).toMatch(/\/PageMode \/UseOutlines/);
  });

  it('renders the same bytes again', async () => {
    expect(Buffer.from((await publicOf(seedFile(seed.dir))).pdf).equals(Buffer.from(pdf))).toBe(true);
  }, 60_000);
});

describe('figures', () => {
  it('tags a diagram given as text as a Figure whose alternative text is that text', async () => {
    const { pdf } = await publicOf(fixtureFile('h30-yoshiki4-two-files'));
    const lines = structureLines(structureText(pdf, dir, 'figure'));
    expect(textsOf(lines, 'Figure')[0]).toContain('【予防接種事務】');
    const alt = /\/Alt (\([^]*?\))\n/.exec(inflatedPdf(pdf))?.[1] ?? '';
    expect(pdfStrings(Buffer.from(alt, 'latin1'))).toContain('【予防接種事務】');
  }, 60_000);

  it('tags a diagram image as a Figure with the diagram’s text alternative as /Alt', async () => {
    const png = path.join(dir, 'flow');
    execFileSync('pdftoppm', ['-png', '-r', '30', '-f', '1', '-l', '1', '-singlefile', '-', png], { input: (await publicOf(seedFile('004-ise-yobosesshu'))).pdf });
    const data = structuredClone((await loadAssessment(seedFile('001-kitakyushu-yobosesshu'))).data);
    (data['businessAnnex'] as Record<string, unknown>)['diagrams'] = [{ file: 'flow.png', caption: '事務の流れ', alt: '住民から申請を受け、健康管理システムに登録する流れ' }];
    const images = new Map([['flow.png', readFileSync(`${png}.png`)]]);
    const { pdf } = await renderPdfBuffer('yoshiki4', data, { ...(await renderAssets()), images });
    const raw = inflatedPdf(pdf);
    const figure = /\/S \/Figure[^]*?\/Alt (\([^]*?\))\n/.exec(raw)?.[1] ?? '';
    expect(pdfStrings(Buffer.from(figure, 'latin1'))).toBe('住民から申請を受け、健康管理システムに登録する流れ');
    expect(untaggedTextOperators(pdf)).toBe(0);
  }, 60_000);
});
