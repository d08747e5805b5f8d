/**
 * Public API of the PDF renderer: assessment data → handlebars templates → block tree → laid-out pages → pdfkit.
 * Fonts, templates and images arrive as data (the store reads them); the clock is a parameter.
 */
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { RENDER_MESSAGES_JA } from '../messages.ja.js';
import { fillMessage } from '../messages.ja.js';
import type { FormId } from '../schema/index.js';
import { layoutDocument } from './layout/document.js';
import { sidesOf, unmarked } from './layout/marks.js';
import type { Block, DocTree, DocumentBlocks, FontName } from './layout/types.js';
import { parseFont, type FontSet } from './pdf/fonts.js';
import { imageSizeOf, paintPdf, type Attachment, type PaintOptions } from './pdf/paint.js';
import { parseMarkup } from './text/markup.js';
import { markedAll } from './text/redline.js';
import { createTemplateEnv, type TemplateEnv, type TemplateSources } from './text/template-env.js';

export type { DocTree, StructNode } from './layout/types.js';
export type { TemplateSources } from './text/template-env.js';
export type { Attachment } from './pdf/paint.js';
export { inspectPdf, type PdfContents } from './pdf/inspect.js';

export type RenderAssets = {
  readonly fonts: Readonly<Record<FontName, Uint8Array>>;
  readonly templates: TemplateSources;
  /** Diagram images of 事務の内容 by the file name the assessment gives. */
  readonly images: ReadonlyMap<string, Uint8Array>;
};

/** One row of the 変更箇所 table as printed. */
export type PrintedChangeRow = Readonly<Record<'date' | 'item' | 'before' | 'after' | 'timing' | 'explanation', string | null>>;

export type RenderOptions = {
  /** Rows of the 変更箇所 table; defaults to the assessment's own changeHistory. */
  readonly changeRows?: readonly PrintedChangeRow[];
  /** PDF creation date; defaults to the 公表日 so the same assessment always gives the same bytes. */
  readonly creationDate?: Date;
  /** A tagged PDF (structure tree, artifacts, bookmarks); true unless the cost of tagging is being measured. */
  readonly tagged?: boolean;
  /**
   * The 公表版: values withheld whole (pointers) print as the marker. The data and rows given are already the
   * 公表版's (src/withheld): nothing withheld reaches the renderer.
   */
  readonly withheld?: { readonly values: ReadonlySet<string>; readonly marker: string };
  /** A reviewer's copy (redline): the changes since this older version marked, its 変更箇所 rows included. */
  readonly redline?: {
    readonly against: Record<string, unknown>;
    readonly againstRows: readonly PrintedChangeRow[];
    /** Printed in the top margin of every page: which versions, and what the marks mean. */
    readonly legend?: string;
  };
  /** More document information entries (Subject, the publication stamp). */
  readonly info?: Readonly<Record<string, string>>;
  /** Files embedded in the PDF (the 提出版's source YAML). */
  readonly attachments?: readonly Attachment[];
};

const envs = new WeakMap<TemplateSources, TemplateEnv>();
const envFor = (templates: TemplateSources): TemplateEnv => {
  let env = envs.get(templates);
  if (!env) {
    env = createTemplateEnv(templates);
    envs.set(templates, env);
  }
  return env;
};

const fontsOf = (assets: RenderAssets): FontSet => ({ mincho: parseFont(assets.fonts.mincho), gothic: parseFont(assets.fonts.gothic) });

const textsOf = (block: Block): string[] => {
  switch (block.kind) {
    case 'title':
    case 'heading':
      return [block.text];
    case 'text':
    case 'figure-text':
      return block.paragraphs.map((p) => p.text);
    case 'table':
      return block.rows.flatMap((row) => row.cells.flatMap((cell) => [...cell.paragraphs.map((p) => p.text), ...(cell.box ? [cell.box.title, ...cell.box.paragraphs.map((p) => p.text)] : [])]));
    default:
      return [];
  }
};

/**
 * Every character must have a glyph in both fonts: a missing one would print as an empty box (tofu). A reviewer's
 * copy carries its marks in the text; they are no characters of the document.
 */
const assertGlyphs = (doc: DocumentBlocks, fonts: FontSet, marks: boolean): void => {
  const missing = new Map<string, string>();
  // By code point (a number, not a one-character string per character of the document).
  const checked = new Set<number>([0x0a]);
  for (const block of doc.blocks) {
    for (const text of textsOf(block).map((text) => (marks ? unmarked(text) : text))) {
      for (let index = 0; index < text.length; index += 1) {
        const codePoint = text.codePointAt(index)!;
        if (codePoint > 0xffff) index += 1;
        if (checked.has(codePoint)) continue;
        checked.add(codePoint);
        const char = String.fromCodePoint(codePoint);
        if (!fonts.mincho.hasGlyph(char) || !fonts.gothic.hasGlyph(char)) missing.set(char, text.slice(0, 30));
      }
    }
  }
  if (missing.size === 0) return;
  const chars = [...missing.keys()].map((char) => `「${char}」(U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(' ');
  const where = [...missing.values()][0]!;
  throw new AppError('FONT_MISSING_GLYPH', fillMessage(RENDER_MESSAGES_JA.missingGlyphs, { chars, where }), { chars: [...missing.keys()] });
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export { imageFilesOf } from '../domain/diagram-files.js';

/** The templates' output for an assessment: the document as block markup (useful to inspect a layout). */
export const renderMarkup = (form: FormId, data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions = {}): string => {
  const revision = String(data['formRevision'] ?? '');
  const env = envFor(assets.templates);
  const document = `${form}/${revision}`;
  if (!env.has(document)) {
    throw new AppError('TEMPLATE_MISSING', fillMessage(RENDER_MESSAGES_JA.templateMissing, { form, revision }), { form, revision });
  }
  const history = Array.isArray(data['changeHistory']) ? data['changeHistory'].filter(isRecord) : [];
  const rows = options.changeRows ?? history;
  return env.render(document, {
    form,
    revision,
    data,
    changeRows: options.redline ? redlineRows(options.redline.againstRows, rows) : rows,
    ...(options.withheld ? { withheld: options.withheld } : {}),
    ...(options.redline ? { against: options.redline.against } : {}),
  });
};

const PRINTED_CELLS = ['item', 'before', 'after', 'timing', 'explanation'] as const;
const rowKey = (row: Readonly<Record<string, unknown>>): string =>
  JSON.stringify(['date', 'dateText', ...PRINTED_CELLS].map((key) => row[key] ?? null));

/**
 * The 変更箇所 rows of a reviewer's copy: the newer version's rows, those the older version did not print marked
 * as inserted, and the rows only the older version printed (a withdrawn revision's) after them, struck through.
 */
const redlineRows = (olds: readonly Readonly<Record<string, unknown>>[], news: readonly Readonly<Record<string, unknown>>[]): Record<string, unknown>[] => {
  const oldKeys = new Set(olds.map(rowKey));
  const newKeys = new Set(news.map(rowKey));
  const mark = (row: Readonly<Record<string, unknown>>, kind: 'ins' | 'del'): Record<string, unknown> => ({
    ...row,
    ...Object.fromEntries(PRINTED_CELLS.map((key) => [key, typeof row[key] === 'string' ? markedAll(kind, row[key]) : row[key]])),
    mark: kind,
  });
  return [
    ...news.map((row) => (oldKeys.has(rowKey(row)) ? { ...row } : mark(row, 'ins'))),
    ...olds.filter((row) => !newKeys.has(rowKey(row))).map((row) => mark(row, 'del')),
  ];
};

/** The assessment laid out on pages, before painting: pure given the assets. */
export const layoutAssessment = (form: FormId, data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions = {}): DocTree => {
  const parsed = parseMarkup(renderMarkup(form, data, assets, options));
  // The document's title and author are metadata: a reviewer's copy names the newer version's.
  const blocks = options.redline ? { ...parsed, title: sidesOfTitle(parsed.title), author: sidesOfTitle(parsed.author) } : parsed;
  const fonts = fontsOf(assets);
  assertGlyphs(blocks, fonts, options.redline !== undefined);
  return layoutDocument(blocks, {
    measure: (text, font, size) => fonts[font].widthOf(text, size),
    imageSize: imageSizeOf(assets.images),
    ...(options.redline?.legend ? { legend: options.redline.legend } : {}),
  });
};

/** The newer side of a marked text (the document's metadata names the version printed). */
const sidesOfTitle = (text: string): string => sidesOf(text).after;

const defaultCreationDate = (data: Record<string, unknown>): Date => {
  const publishedOn = isRecord(data['cover']) ? data['cover']['publishedOn'] : undefined;
  return typeof publishedOn === 'string' ? new Date(`${publishedOn}T09:00:00+09:00`) : new Date(Date.UTC(2000, 0, 1));
};

const paintOptions = (data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions): PaintOptions => ({
  fonts: fontsOf(assets),
  images: assets.images,
  creationDate: options.creationDate ?? defaultCreationDate(data),
  ...(options.tagged === false ? { tagged: false } : {}),
  ...(options.info ? { info: options.info } : {}),
  ...(options.attachments ? { attachments: options.attachments } : {}),
});

/** The official PDF as a stream (for HTTP responses). Layout errors are thrown before the first byte. */
export const renderPdfStream = (form: FormId, data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions = {}): Readable => {
  const tree = layoutAssessment(form, data, assets, options);
  return paintPdf(tree, paintOptions(data, assets, options)) as unknown as Readable;
};

/** The official PDF as bytes, with its page count. */
export const renderPdfBuffer = async (
  form: FormId,
  data: Record<string, unknown>,
  assets: RenderAssets,
  options: RenderOptions = {},
): Promise<{ pdf: Buffer; pages: number }> => {
  const tree = layoutAssessment(form, data, assets, options);
  const stream = paintPdf(tree, paintOptions(data, assets, options));
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return { pdf: Buffer.concat(chunks), pages: tree.pages.length };
};
