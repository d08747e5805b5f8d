import PDFDocument from 'pdfkit';
import { AppError } from '../../errors.js';
import { RENDER_MESSAGES_JA, fillMessage } from '../../messages.ja.js';
import type { DocTree, FontName, LaidOutPage } from '../layout/types.js';
import type { FontSet, ParsedFont } from './fonts.js';
import { imageProblem } from './image-probe.js';

export type PaintOptions = {
  readonly fonts: FontSet;
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** Pinned so that the same assessment always gives the same bytes. */
  readonly creationDate: Date;
};

const RULE_WIDTH = 0.5;
const FILL_GRAY = 0.93;

/**
 * pdfkit's embedded font: the subset it writes, and the widths and code points it records per subset glyph
 * (they become the PDF's /W array and the ToUnicode map that makes the text extractable).
 */
type EmbeddedFont = {
  readonly id: string;
  readonly ascender: number;
  readonly scale: number;
  readonly subset: { includeGlyph: (id: number) => number };
  readonly widths: number[];
  readonly unicode: number[][];
  ref: () => unknown;
};
type PageInternals = { page: { fonts: Record<string, unknown> }; _font: EmbeddedFont };

/** Writes text as glyph ids of the subset, each character looked up once per document. */
type Encoder = { readonly font: EmbeddedFont; readonly encode: (text: string) => string };

const createEncoder = (font: EmbeddedFont, parsed: ParsedFont): Encoder => {
  const hexOf = new Map<string, string>();
  const encode = (text: string): string => {
    let hex = '';
    for (const char of text) {
      let code = hexOf.get(char);
      if (code === undefined) {
        const glyph = parsed.glyphOf(char);
        const gid = font.subset.includeGlyph(glyph.id);
        font.widths[gid] ??= glyph.advanceWidth * font.scale;
        font.unicode[gid] ??= glyph.codePoints;
        code = gid.toString(16).padStart(4, '0');
        hexOf.set(char, code);
      }
      hex += code;
    }
    return hex;
  };
  return { font, encode };
};

const num = (value: number): string => (Math.round(value * 100) / 100).toString();

/**
 * One page's content written as PDF operators directly: all rules as one path, fills as one, and every text run
 * as a Tm/Tj pair inside a single text object. pdfkit's text() sets up a graphics state, wraps and measures for
 * every call; the layout has already done all of that, so painting only has to emit what it decided.
 */
const paintPage = (doc: PDFKit.PDFDocument, page: LaidOutPage, encoders: Readonly<Record<FontName, Encoder>>, height: number): void => {
  const internals = doc as unknown as PageInternals;
  const fills: string[] = [];
  const rules: string[] = [];
  const texts: string[] = [];
  for (const item of page.items) {
    switch (item.kind) {
      case 'fill':
        fills.push(`${num(item.rect.x)} ${num(height - item.rect.y - item.rect.height)} ${num(item.rect.width)} ${num(item.rect.height)} re`);
        break;
      case 'line':
        rules.push(`${num(item.x1)} ${num(height - item.y1)} m ${num(item.x2)} ${num(height - item.y2)} l`);
        break;
      case 'text': {
        const { font, encode } = encoders[item.font];
        internals.page.fonts[font.id] ??= font.ref();
        const baseline = height - item.y - (font.ascender / 1000) * item.size;
        texts.push(`/${font.id} ${num(item.size)} Tf 1 0 0 1 ${num(item.x)} ${num(baseline)} Tm <${encode(item.text)}> Tj`);
        break;
      }
      case 'image':
        // Drawn by drawImages, in pdfkit's own page coordinates.
        break;
    }
  }
  // The page was added with pdfkit's top-left flip already undone: coordinates here are PDF's own, bottom-up.
  if (fills.length > 0) doc.addContent(`q ${FILL_GRAY} g ${fills.join(' ')} f Q`);
  if (rules.length > 0) doc.addContent(`q ${RULE_WIDTH} w 0 G ${rules.join(' ')} S Q`);
  if (texts.length > 0) doc.addContent(`q 0 g BT ${texts.join(' ')} ET Q`);
};

const drawImages = (doc: PDFKit.PDFDocument, page: LaidOutPage, images: ReadonlyMap<string, Uint8Array>): void => {
  for (const item of page.items) {
    if (item.kind !== 'image') continue;
    const bytes = images.get(item.src);
    if (!bytes) throw new Error(`image ${item.src} was laid out but not supplied`);
    doc.image(Buffer.from(bytes), item.rect.x, item.rect.y, { width: item.rect.width, height: item.rect.height });
  }
};

const embeddedFont = (doc: PDFKit.PDFDocument, name: FontName): EmbeddedFont => {
  doc.font(name);
  return (doc as unknown as PageInternals)._font;
};

/**
 * Draws a laid-out document with pdfkit and returns the document as a stream (already ended). Fills are drawn
 * first on each page so rules and text stay on top of them.
 */
export const paintPdf = (tree: DocTree, options: PaintOptions): PDFKit.PDFDocument => {
  const doc = new PDFDocument({
    size: [tree.pageWidth, tree.pageHeight],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'ja',
    displayTitle: true,
    info: { Title: tree.title, Author: tree.author, Creator: 'pia', Producer: 'pia (pdfkit)', CreationDate: options.creationDate },
  });
  doc.registerFont('mincho', options.fonts.mincho.pdfFont as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('gothic', options.fonts.gothic.pdfFont as unknown as PDFKit.Mixins.PDFFontSource);
  let encoders: Record<FontName, Encoder> | undefined;
  for (const page of tree.pages) {
    doc.addPage({ size: [tree.pageWidth, tree.pageHeight], margin: 0 });
    encoders ??= {
      mincho: createEncoder(embeddedFont(doc, 'mincho'), options.fonts.mincho),
      gothic: createEncoder(embeddedFont(doc, 'gothic'), options.fonts.gothic),
    };
    // pdfkit starts each page flipped to top-left coordinates; undo it so raw operators use PDF's own space.
    doc.addContent(`q 1 0 0 -1 0 ${num(tree.pageHeight)} cm`);
    paintPage(doc, page, encoders, tree.pageHeight);
    doc.addContent('Q');
    drawImages(doc, page, options.images);
  }
  doc.end();
  return doc;
};

const unusable = (src: string, reason: string): AppError =>
  new AppError('IMAGE_INVALID', fillMessage(RENDER_MESSAGES_JA.imageInvalid, { file: src, reason }), { image: src });

/**
 * Pixel size of an image as pdfkit reads it (PNG or JPEG), for the layout's scaling. A file pdfkit cannot draw is
 * refused here, naming it, before anything is painted.
 */
export const imageSizeOf = (images: ReadonlyMap<string, Uint8Array>) => {
  const sizes = new Map<string, { width: number; height: number }>();
  return (src: string): { width: number; height: number } => {
    let size = sizes.get(src);
    if (!size) {
      const bytes = images.get(src);
      if (!bytes) throw new Error(`image ${src} is not supplied`);
      const problem = imageProblem(bytes);
      if (problem) throw unusable(src, problem);
      // openImage is public pdfkit API that its type declarations leave out; it throws strings as well as Errors.
      const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage: (data: Buffer) => { width: number; height: number } };
      let image: { width: number; height: number };
      try {
        image = probe.openImage(Buffer.from(bytes));
      } catch {
        throw unusable(src, '壊れています');
      }
      const { width, height } = image;
      if (!(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0)) throw unusable(src, '壊れています');
      size = { width, height };
      sizes.set(src, size);
    }
    return size;
  };
};
