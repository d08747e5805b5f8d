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
import type { Block, DocTree, DocumentBlocks, FontName } from './layout/types.js';
import { parseFont, type FontSet } from './pdf/fonts.js';
import { imageSizeOf, paintPdf } from './pdf/paint.js';
import { parseMarkup } from './text/markup.js';
import { createTemplateEnv, type TemplateEnv, type TemplateSources } from './text/template-env.js';

export type { DocTree } from './layout/types.js';
export type { TemplateSources } from './text/template-env.js';

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

/** Every character must have a glyph in both fonts: a missing one would print as an empty box (tofu). */
const assertGlyphs = (doc: DocumentBlocks, fonts: FontSet): void => {
  const missing = new Map<string, string>();
  const checked = new Set<string>(['\n']);
  for (const block of doc.blocks) {
    for (const text of textsOf(block)) {
      for (const char of text) {
        if (checked.has(char)) continue;
        checked.add(char);
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
  return env.render(document, { form, revision, data, changeRows: options.changeRows ?? history });
};

/** The assessment laid out on pages, before painting: pure given the assets. */
export const layoutAssessment = (form: FormId, data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions = {}): DocTree => {
  const blocks = parseMarkup(renderMarkup(form, data, assets, options));
  const fonts = fontsOf(assets);
  assertGlyphs(blocks, fonts);
  return layoutDocument(blocks, {
    measure: (text, font, size) => fonts[font].widthOf(text, size),
    imageSize: imageSizeOf(assets.images),
  });
};

const defaultCreationDate = (data: Record<string, unknown>): Date => {
  const publishedOn = isRecord(data['cover']) ? data['cover']['publishedOn'] : undefined;
  return typeof publishedOn === 'string' ? new Date(`${publishedOn}T09:00:00+09:00`) : new Date(Date.UTC(2000, 0, 1));
};

/** The official PDF as a stream (for HTTP responses). Layout errors are thrown before the first byte. */
export const renderPdfStream = (form: FormId, data: Record<string, unknown>, assets: RenderAssets, options: RenderOptions = {}): Readable => {
  const tree = layoutAssessment(form, data, assets, options);
  return paintPdf(tree, { fonts: fontsOf(assets), images: assets.images, creationDate: options.creationDate ?? defaultCreationDate(data) }) as unknown as Readable;
};

/** The official PDF as bytes, with its page count. */
export const renderPdfBuffer = async (
  form: FormId,
  data: Record<string, unknown>,
  assets: RenderAssets,
  options: RenderOptions = {},
): Promise<{ pdf: Buffer; pages: number }> => {
  const tree = layoutAssessment(form, data, assets, options);
  const stream = paintPdf(tree, { fonts: fontsOf(assets), images: assets.images, creationDate: options.creationDate ?? defaultCreationDate(data) });
  const chunks: Buffer[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return { pdf: Buffer.concat(chunks), pages: tree.pages.length };
};
