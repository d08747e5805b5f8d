import PDFDocument from 'pdfkit';
import { AppError } from '../../errors.js';
import { RENDER_MESSAGES_JA, fillMessage } from '../../messages.ja.js';
import type { DocTree, Drawable, FontName, LaidOutPage, StructNode, StructRole } from '../layout/types.js';
import type { FontSet, ParsedFont } from './fonts.js';
import { imageProblem } from './image-probe.js';
import { OrderedImagesDocument } from './ordered-images.js';

/** A file embedded in the PDF (the 提出版 carries its source YAML). */
export type Attachment = {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly mime: string;
  readonly description: string;
};

export type PaintOptions = {
  readonly fonts: FontSet;
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** Pinned so that the same assessment always gives the same bytes. */
  readonly creationDate: Date;
  /**
   * A tagged PDF aiming at PDF/UA-1 (structure tree, artifacts, bookmarks); true unless a caller measures what
   * tagging costs.
   */
  readonly tagged?: boolean;
  /** More document information entries (Subject, the publication stamp's keys); ASCII keys. */
  readonly info?: Readonly<Record<string, string>>;
  readonly attachments?: readonly Attachment[];
};

const RULE_WIDTH = 0.5;
const FILL_GRAY = 0.93;
/** A redline's colours: inserted text and its underline, deleted text and its strike-through, the margin bar. */
const COLOURS = { ins: '0 0.3 0.75', del: '0.78 0.1 0.1', bar: '0.85 0.45 0' } as const;

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

/** What pdfkit does that its type declarations leave out: PDF/UA, attachment relationships, outline targets, scopes. */
type StructElement = PDFKit.PDFStructureElement & { dictionary: { data: Record<string, unknown> } };
type Outline = { addItem: (title: string, options: { pageNumber: number; fit?: boolean }) => Outline };
type Internals = {
  struct: (type: string, options: Record<string, unknown>, children: PDFKit.PDFStructureElementChild[]) => StructElement;
  outline: Outline;
  file: (src: Buffer, options: Record<string, unknown>) => void;
};

/** Writes text as glyph ids of the subset, each character looked up once per document. */
type Encoder = { readonly font: EmbeddedFont; readonly encode: (text: string) => string };

const createEncoder = (font: EmbeddedFont, parsed: ParsedFont): Encoder => {
  // By code point: an array index for the Basic Multilingual Plane, a Map beyond it (a string per character and a
  // Map lookup for each was most of the time painting spent on text).
  const bmp = new Array<string | undefined>(0x10000);
  const astral = new Map<number, string>();
  const codeOf = (codePoint: number): string => {
    const glyph = parsed.glyphOf(String.fromCodePoint(codePoint));
    const gid = font.subset.includeGlyph(glyph.id);
    font.widths[gid] ??= glyph.advanceWidth * font.scale;
    font.unicode[gid] ??= glyph.codePoints;
    return gid.toString(16).padStart(4, '0');
  };
  const encode = (text: string): string => {
    let hex = '';
    for (let index = 0; index < text.length; index += 1) {
      const codePoint = text.codePointAt(index)!;
      if (codePoint > 0xffff) {
        index += 1;
        let code = astral.get(codePoint);
        if (code === undefined) astral.set(codePoint, (code = codeOf(codePoint)));
        hex += code;
      } else {
        hex += bmp[codePoint] ??= codeOf(codePoint);
      }
    }
    return hex;
  };
  return { font, encode };
};

const num = (value: number): string => (Math.round(value * 100) / 100).toString();

type Text = Extract<Drawable, { kind: 'text' }>;

/** Marked-content sequences of a tagged page: what each structure element got on it, for the structure tree. */
type Tagging = {
  readonly roleOf: ReadonlyMap<number, StructRole>;
  readonly contents: Map<number, PDFKit.PDFStructureContent[]>;
  /** The page each element's content starts on (bookmarks point there). */
  readonly firstPage: Map<number, number>;
};

/**
 * One page's content written as PDF operators directly: all rules as one path, fills as one, and text runs as
 * Tm/Tj pairs in text objects. pdfkit's text() sets up a graphics state, wraps and measures for every call; the
 * layout has already done all of that, so painting only has to emit what it decided. In a tagged PDF the rules
 * and fills are one layout artifact, and the runs of each structure element one marked-content sequence (running
 * headers and page numbers a pagination artifact).
 */
const paintPage = (
  doc: PDFKit.PDFDocument,
  page: LaidOutPage,
  pageIndex: number,
  encoders: Readonly<Record<FontName, Encoder>>,
  height: number,
  tagging: Tagging | undefined,
): void => {
  const internals = doc as unknown as PageInternals;
  const fills: string[] = [];
  const bars: string[] = [];
  const rules: string[] = [];
  const marked: Record<'ins' | 'del', string[]> = { ins: [], del: [] };
  const texts: Text[] = [];
  for (const item of page.items) {
    switch (item.kind) {
      case 'fill':
        (item.color === 'bar' ? bars : fills).push(`${num(item.rect.x)} ${num(height - item.rect.y - item.rect.height)} ${num(item.rect.width)} ${num(item.rect.height)} re`);
        break;
      case 'line':
        (item.color ? marked[item.color] : rules).push(`${num(item.x1)} ${num(height - item.y1)} m ${num(item.x2)} ${num(height - item.y2)} l`);
        break;
      case 'text':
        texts.push(item);
        break;
      case 'image':
        // Drawn by drawImages, in pdfkit's own page coordinates.
        break;
    }
  }
  const graphics: string[] = [];
  // The page was added with pdfkit's top-left flip already undone: coordinates here are PDF's own, bottom-up.
  if (fills.length > 0) graphics.push(`q ${FILL_GRAY} g ${fills.join(' ')} f Q`);
  if (bars.length > 0) graphics.push(`q ${COLOURS.bar} rg ${bars.join(' ')} f Q`);
  if (rules.length > 0) graphics.push(`q ${RULE_WIDTH} w 0 G ${rules.join(' ')} S Q`);
  for (const kind of ['ins', 'del'] as const) {
    if (marked[kind].length > 0) graphics.push(`q 0.6 w ${COLOURS[kind]} RG ${marked[kind].join(' ')} S Q`);
  }
  if (graphics.length > 0) {
    if (tagging) doc.markContent('Artifact', { type: 'Layout' });
    doc.addContent(graphics.join(' '));
    if (tagging) doc.endMarkedContent();
  }
  const run = (item: Text): string => {
    const { font, encode } = encoders[item.font];
    internals.page.fonts[font.id] ??= font.ref();
    const baseline = height - item.y - (font.ascender / 1000) * item.size;
    const show = `/${font.id} ${num(item.size)} Tf 1 0 0 1 ${num(item.x)} ${num(baseline)} Tm <${encode(item.text)}> Tj`;
    return item.mark ? `${COLOURS[item.mark]} rg ${show} 0 g` : show;
  };
  if (!tagging) {
    if (texts.length > 0) doc.addContent(`q 0 g BT ${texts.map(run).join(' ')} ET Q`);
    return;
  }
  // Consecutive runs of one element (the lines of a cell) form one marked-content sequence.
  for (let start = 0; start < texts.length; ) {
    const first = texts[start]!;
    let end = start + 1;
    while (end < texts.length && texts[end]!.tag === first.tag && texts[end]!.artifact === first.artifact) end += 1;
    const operators = `q 0 g BT ${texts.slice(start, end).map(run).join(' ')} ET Q`;
    if (first.tag === undefined) {
      doc.markContent('Artifact', { type: 'Pagination' });
    } else {
      const content = doc.markStructureContent(tagging.roleOf.get(first.tag)!);
      const contents = tagging.contents.get(first.tag);
      if (contents) contents.push(content);
      else tagging.contents.set(first.tag, [content]);
      if (!tagging.firstPage.has(first.tag)) tagging.firstPage.set(first.tag, pageIndex);
    }
    doc.addContent(operators);
    doc.endMarkedContent();
    start = end;
  }
};

const drawImages = (doc: PDFKit.PDFDocument, page: LaidOutPage, images: ReadonlyMap<string, Uint8Array>, tagging: Tagging | undefined): void => {
  for (const item of page.items) {
    if (item.kind !== 'image') continue;
    const bytes = images.get(item.src);
    if (!bytes) throw new Error(`image ${item.src} was laid out but not supplied`);
    if (tagging && item.tag !== undefined) tagging.contents.set(item.tag, [...(tagging.contents.get(item.tag) ?? []), doc.markStructureContent('Figure')]);
    doc.image(Buffer.from(bytes), item.rect.x, item.rect.y, { width: item.rect.width, height: item.rect.height });
    if (tagging && item.tag !== undefined) doc.endMarkedContent();
  }
};

const embeddedFont = (doc: PDFKit.PDFDocument, name: FontName): EmbeddedFont => {
  doc.font(name);
  return (doc as unknown as PageInternals)._font;
};

const rolesOf = (node: StructNode, into = new Map<number, StructRole>()): Map<number, StructRole> => {
  into.set(node.id, node.role);
  for (const child of node.children) rolesOf(child, into);
  return into;
};

/** The structure tree as pdfkit's elements, children in reading order after the element's own content. */
const structureOf = (doc: PDFKit.PDFDocument, node: StructNode, contents: ReadonlyMap<number, PDFKit.PDFStructureContent[]>): StructElement => {
  const children = [...(contents.get(node.id) ?? []), ...node.children.map((child) => structureOf(doc, child, contents))];
  const options = { ...(node.alt !== undefined ? { alt: node.alt } : {}), ...(node.scope ? { scope: node.scope } : {}) };
  const element = (doc as unknown as Internals).struct(node.role, options, children);
  // A label spanning the rows below it: the table attribute pdfkit's options do not cover.
  if (node.rowSpan !== undefined) element.dictionary.data['A'] = { ...(element.dictionary.data['A'] as object), RowSpan: node.rowSpan };
  return element;
};

/** Bookmarks: each level-1 heading at the top, each level-2 heading under the level-1 heading before it. */
const addBookmarks = (doc: PDFKit.PDFDocument, root: StructNode, firstPage: ReadonlyMap<number, number>): void => {
  const top = (doc as unknown as Internals).outline;
  let parent: Outline = top;
  for (const node of root.children) {
    const page = firstPage.get(node.id);
    if (!node.bookmark || page === undefined) continue;
    const item = (node.bookmark.level === 1 ? top : parent).addItem(node.bookmark.title, { pageNumber: page, fit: true });
    if (node.bookmark.level === 1) parent = item;
  }
};

/**
 * Draws a laid-out document with pdfkit and returns the document as a stream (already ended). Fills are drawn
 * first on each page so rules and text stay on top of them.
 */
export const paintPdf = (tree: DocTree, options: PaintOptions): PDFKit.PDFDocument => {
  const tagged = options.tagged ?? true;
  const doc = new OrderedImagesDocument({
    size: [tree.pageWidth, tree.pageHeight],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    lang: 'ja',
    displayTitle: true,
    ...(tagged ? { tagged: true, pdfVersion: '1.7' as const, subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets } : {}),
    info: { Title: tree.title, Author: tree.author, Creator: 'pia', Producer: 'pia (pdfkit)', CreationDate: options.creationDate, ...options.info },
  });
  doc.registerFont('mincho', options.fonts.mincho.pdfFont as unknown as PDFKit.Mixins.PDFFontSource);
  doc.registerFont('gothic', options.fonts.gothic.pdfFont as unknown as PDFKit.Mixins.PDFFontSource);
  const tagging: Tagging | undefined = tagged ? { roleOf: rolesOf(tree.structure), contents: new Map(), firstPage: new Map() } : undefined;
  let encoders: Record<FontName, Encoder> | undefined;
  tree.pages.forEach((page, index) => {
    doc.addPage({ size: [tree.pageWidth, tree.pageHeight], margin: 0 });
    encoders ??= {
      mincho: createEncoder(embeddedFont(doc, 'mincho'), options.fonts.mincho),
      gothic: createEncoder(embeddedFont(doc, 'gothic'), options.fonts.gothic),
    };
    // pdfkit starts each page flipped to top-left coordinates; undo it so raw operators use PDF's own space.
    doc.addContent(`q 1 0 0 -1 0 ${num(tree.pageHeight)} cm`);
    paintPage(doc, page, index, encoders, tree.pageHeight, tagging);
    doc.addContent('Q');
    drawImages(doc, page, options.images, tagging);
  });
  if (tagging) {
    doc.addStructure(structureOf(doc, tree.structure, tagging.contents));
    addBookmarks(doc, tree.structure, tagging.firstPage);
  }
  for (const attachment of options.attachments ?? []) {
    // Dated like the document, so the same input still gives the same bytes.
    (doc as unknown as Internals).file(Buffer.from(attachment.bytes), {
      name: attachment.name,
      type: attachment.mime,
      description: attachment.description,
      relationship: 'Source',
      creationDate: options.creationDate,
      modifiedDate: options.creationDate,
    });
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
