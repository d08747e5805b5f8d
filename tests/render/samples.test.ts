import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childNode, formRoot, isArrayNode, keyword, printedLabel, type FormId, type ResolvedNode } from '../../src/schema/index.js';
import { loadAssessment } from '../../src/store/index.js';
import { SEEDS, makeTempDir, seedFile, seedTextFile } from '../helpers/seeds.js';
import { ngramCoverage } from '../helpers/fidelity.js';
import { pdfInfo, renderToText, squash } from '../helpers/render.js';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Free-text values of the assessment in printed order (the schema's x-toc, per-file parts file by file). */
const textValues = (form: FormId, data: Record<string, unknown>): string[] => {
  const values: string[] = [];
  const walk = (node: ResolvedNode, value: unknown): void => {
    if (keyword(node, 'x-printed') === false) return;
    if (typeof value === 'string' && keyword(node, 'x-kind') === undefined && node.properties.size === 0) {
      if (value.trim() !== '') values.push(value);
      return;
    }
    if (isArrayNode(node) && Array.isArray(value)) value.forEach((item, index) => walk(childNode(node, String(index))!, item));
    else if (isRecord(value)) for (const key of node.properties.keys()) walk(childNode(node, key)!, value[key]);
  };
  const root = formRoot(form);
  walk(childNode(root, 'cover')!, data['cover']);
  for (const pointer of keyword<string[]>(root, 'x-toc') ?? []) {
    const [, key = '', part] = pointer.split('/');
    if (key === 'changeHistory') continue; // its rows are checked row by row below
    if (part === undefined) walk(childNode(root, key)!, data[key]);
    else for (const file of (data[key] as unknown[]) ?? []) walk(childNode(childNode(childNode(root, key)!, '0')!, part)!, isRecord(file) ? file[part] : undefined);
  }
  return values;
};

/** Every label the form prints for this assessment: all items, except inside repeated groups left empty. */
const printedLabels = (form: FormId, data: unknown): string[] => {
  const labels: string[] = [];
  const walk = (node: ResolvedNode, value: unknown): void => {
    if (keyword(node, 'x-printed') === false) return;
    if (isArrayNode(node)) {
      if (Array.isArray(value)) value.forEach((item, index) => walk(childNode(node, String(index))!, item));
      return;
    }
    const kind = keyword<string>(node, 'x-kind');
    if (kind === 'checks' || kind === 'checkGroups' || kind === 'provisionStatus') return;
    // The annexes' lists are free layout: their structure titles (記録項目一覧, 見出し …) are not printed.
    if (keyword<string>(node, 'x-number')?.startsWith('（別添')) return;
    for (const key of node.properties.keys()) {
      const child = childNode(node, key)!;
      const label = printedLabel(child);
      // Not printed as labels: the cover's own title (表紙), the stamp's item, a count or x-printFormat text printed inside its item's cell.
      const inline = key === 'value' || (key === 'count' && node.properties.has('value')) || keyword(child, 'x-printFormat') !== undefined;
      const structural = node === formRoot(form) && (key === 'cover' || key === 'formRevision');
      if (label && !inline && !structural && keyword(child, 'x-printed') !== false && keyword(child, 'x-role') === undefined) labels.push(label);
      walk(child, isRecord(value) ? value[key] : undefined);
    }
  };
  walk(formRoot(form), data);
  return labels;
};

/** The extracted text of each page, without the `- n -` footer and without whitespace. */
const pagesOf = (text: string): string[] => text.split('\f').map((page) => squash(page.replace(/^- \d+ -$/gm, '')));

/**
 * Checks that the values appear page by page in form order. Within a page pdftotext groups text into blocks
 * by its own geometry (it cuts lines at wide gaps such as a full-width space and may read a column of labels
 * before their values), so the order is checked between pages, and a value is looked for as its
 * whitespace-separated chunks on or after its page. Returns the first value that is missing or out of order.
 */
/**
 * The first page, from `from` on, that holds the chunk whole or its beginning (a cell longer than the space left
 * on a page continues on the next one: its first part is on page p, the rest on page p + 1); -1 if none.
 */
const findChunk = (pages: readonly string[], from: number, chunk: string): number => {
  for (let page = from; page < pages.length; page += 1) {
    if (pages[page]!.includes(chunk)) return page;
    const next = pages[page + 1];
    if (next === undefined) continue;
    for (let cut = 1; cut < chunk.length; cut += 1) {
      if (pages[page]!.includes(chunk.slice(0, cut)) && next.includes(chunk.slice(cut))) return page;
    }
  }
  return -1;
};

/**
 * Checks that the values appear page by page in form order. Within a page pdftotext groups text into blocks
 * by its own geometry (it cuts lines at wide gaps such as a full-width space and may read a column of labels
 * before their values), so order is checked between pages, and a value is looked for as its
 * whitespace-separated chunks on or after its page. Returns the first value that is missing or out of order.
 */
const firstOutOfOrder = (pages: readonly string[], values: readonly string[]): string | undefined => {
  let page = 0;
  for (const value of values) {
    const [first, ...rest] = value.normalize('NFKC').split(/\s+/).filter((chunk) => chunk !== '');
    if (first === undefined) continue;
    const at = findChunk(pages, page, first);
    if (at < 0 || rest.some((chunk) => findChunk(pages, at, chunk) < 0)) return value;
    page = at;
  }
  return undefined;
};

describe.each(SEEDS)('PDF of sample $id', (seed) => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let rendered: Awaited<ReturnType<typeof renderToText>>;
  let data: Record<string, unknown>;
  let form: FormId;

  beforeAll(async () => {
    temp = await makeTempDir();
    const loaded = await loadAssessment(seedFile(seed.dir));
    form = loaded.form!;
    data = loaded.data;
    rendered = await renderToText(form, data, temp.dir, seed.id);
  });
  afterAll(() => temp.cleanup());

  it('is a PDF with the 評価書名 as title, the 評価実施機関名 as author, Japanese as language', () => {
    expect(rendered.pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(rendered.pdf, temp.dir, `${seed.id}-info`);
    const cover = data['cover'] as Record<string, unknown>;
    expect(info).toMatch(new RegExp(`Title:\\s+${String(cover['title']).replace(/[()（）]/g, '.')}`));
    expect(info).toMatch(new RegExp(`Author:\\s+${String(cover['organization'])}`));
    expect(rendered.pdf.includes('/Lang (ja)')).toBe(true);
    expect(rendered.pages).toBeGreaterThan(10);
  });

  it('prints every text value of the YAML, in form order', () => {
    const values = textValues(form, data);
    expect(values.length).toBeGreaterThan(50);
    expect(firstOutOfOrder(pagesOf(rendered.text), values)).toBeUndefined();
  });

  it('prints every official label of the form', () => {
    const pages = pagesOf(rendered.text);
    // A label is found when its whitespace-separated parts are (see firstOutOfOrder on pdftotext's cuts).
    const missing = printedLabels(form, data).filter((label) => label.normalize('NFKC').split(/\s+/).some((part) => findChunk(pages, 0, part) < 0));
    expect(missing).toEqual([]);
  });

  it('prints the 変更箇所 rows in order, each with its item and texts', () => {
    const rows = (data['changeHistory'] as Record<string, unknown>[]).flatMap((row) =>
      ['item', 'before', 'after'].map((key) => String(row[key] ?? '')).filter((cell) => cell.trim() !== ''),
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(firstOutOfOrder(pagesOf(rendered.text), rows)).toBeUndefined();
  });

  it('keeps the 8-gram coverage of the published text at 99 % or more, both ways', () => {
    const published = readFileSync(seedTextFile(seed.seedText), 'utf8');
    const { recall, precision } = ngramCoverage(rendered.text, published);
    expect({ recall: Math.floor(recall * 1000) / 10, precision: Math.floor(precision * 1000) / 10 }).toEqual({
      recall: expect.toSatisfy((value: number) => value >= 99),
      precision: expect.toSatisfy((value: number) => value >= 99),
    });
  });

  it('renders the same bytes twice', async () => {
    const again = await renderToText(form, data, temp.dir, `${seed.id}-again`);
    expect(again.pdf.equals(rendered.pdf)).toBe(true);
  });
});
