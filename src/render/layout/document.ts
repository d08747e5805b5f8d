import { CONTENT_BOTTOM, CONTENT_WIDTH, PAGE, TYPE } from './geometry.js';
import { unmarked } from './marks.js';
import { PageBuilder, addToPages } from './page-builder.js';
import { StructureBuilder } from './structure.js';
import { layoutTable, tableLeadHeight } from './table.js';
import { setParagraphs, type Line } from './text-lines.js';
import type { Block, DocTree, DocumentBlocks, Drawable, ImageSize, Measure } from './types.js';

export type LayoutOptions = {
  readonly measure: Measure;
  readonly imageSize: ImageSize;
  /** A reviewer's copy: the note printed in the top margin of every page (an artifact, like the page number). */
  readonly legend?: string;
};

const CONTENT = { x: PAGE.marginX, width: CONTENT_WIDTH } as const;

/** Lines outside tables; `tagOf` names the structure element of each line's paragraph. */
const drawFreeLines = (page: PageBuilder, lines: readonly Line[], lineHeight: number, measure: Measure, tagOf: (line: Line) => number, role?: 'heading'): void => {
  for (const line of lines) {
    if (page.remaining < lineHeight) page.newPage();
    const width = measure(line.text, line.font, line.size);
    const x = line.align === 'center' ? CONTENT.x + (CONTENT.width - width) / 2 : line.align === 'right' ? CONTENT.x + CONTENT.width - width : CONTENT.x;
    if (line.text !== '') {
      page.add({
        kind: 'text',
        text: line.text,
        x,
        y: page.y + (lineHeight - line.size) / 2,
        font: line.font,
        size: line.size,
        width,
        clip: { x: CONTENT.x, y: page.y, width: CONTENT.width, height: lineHeight },
        tag: tagOf(line),
        ...(role ? { role } : {}),
      });
    }
    page.y += lineHeight;
  }
};

const FULL_HEIGHT = CONTENT_BOTTOM - PAGE.marginTop;

/** Scaled down to fit the width and the page, never up: a diagram keeps its drawn size when it fits. */
const imageScale = (size: { width: number; height: number }): number => Math.min(1, CONTENT.width / size.width, FULL_HEIGHT / size.height);

const layoutImage = (page: PageBuilder, block: Extract<Block, { kind: 'image' }>, options: LayoutOptions, structure: StructureBuilder): void => {
  const size = options.imageSize(block.src);
  let scale = imageScale(size);
  if (size.height * scale > page.remaining) {
    if (page.remaining >= FULL_HEIGHT / 2) scale = Math.min(scale, page.remaining / size.height);
    else page.newPage();
  }
  const width = size.width * scale;
  const height = size.height * scale;
  const rect = { x: CONTENT.x + (CONTENT.width - width) / 2, y: page.y, width, height };
  page.add({ kind: 'image', src: block.src, alt: block.alt, rect, tag: structure.figure(unmarked(block.alt)) });
  page.y += height + TYPE.lineHeight / 2;
};

const headingLines = (block: Extract<Block, { kind: 'heading' }>, measure: Measure): Line[] =>
  setParagraphs([{ text: block.text }], CONTENT.width, { font: 'gothic', size: TYPE.heading }, measure);

/**
 * The height the blocks from `index` on need on the page where they start: a heading (or several stacked) with
 * the start of what it introduces: a table's heading rows and first content line, a line of text, an image at the
 * size it may shrink to.
 */
const blockLeadHeight = (blocks: readonly Block[], index: number, options: LayoutOptions): number => {
  const block = blocks[index];
  switch (block?.kind) {
    case 'heading':
      return headingLines(block, options.measure).length * TYPE.heading * 1.8 + blockLeadHeight(blocks, index + 1, options);
    case 'spacer':
      return block.height + blockLeadHeight(blocks, index + 1, options);
    case 'title':
      return block.size * 1.6;
    case 'text':
      return TYPE.lineHeight;
    case 'table':
      return tableLeadHeight(block.rows, block.repeatHeader, options.measure);
    case 'figure-text':
      return tableLeadHeight([{ cells: [{ paragraphs: block.paragraphs }] }], false, options.measure);
    case 'image': {
      const size = options.imageSize(block.src);
      return Math.min(size.height * imageScale(size), FULL_HEIGHT / 2);
    }
    default:
      return 0;
  }
};

/** Paragraphs of text outside tables: one P element each, created when its first line is placed. */
const paragraphTags = (structure: StructureBuilder): ((line: Line) => number) => {
  const ids = new Map<number, number>();
  return (line) => {
    let id = ids.get(line.paragraph);
    if (id === undefined) ids.set(line.paragraph, (id = structure.paragraph()));
    return id;
  };
};

const layoutBlock = (page: PageBuilder, blocks: readonly Block[], index: number, options: LayoutOptions, structure: StructureBuilder): void => {
  const { measure } = options;
  const block = blocks[index]!;
  switch (block.kind) {
    case 'page-break':
      if (!page.isPageEmpty) page.newPage();
      return;
    case 'spacer':
      page.y = Math.min(page.y + block.height, CONTENT_BOTTOM);
      return;
    case 'title': {
      // The form's own titles (the cover's, 項目一覧) are the top level of the outline, beside the parts.
      const id = structure.heading(1, block.text);
      drawFreeLines(page, setParagraphs([{ text: block.text, align: block.align }], CONTENT.width, { font: 'gothic', size: block.size }, measure), block.size * 1.6, measure, () => id);
      return;
    }
    case 'heading': {
      // A heading is never left alone at the bottom of a page: it moves on with what it introduces.
      const needed = blockLeadHeight(blocks, index, options);
      if (needed > page.remaining && needed <= FULL_HEIGHT && !page.isAtTop) page.newPage();
      const id = structure.heading(1, block.text);
      drawFreeLines(page, headingLines(block, measure), TYPE.heading * 1.8, measure, () => id, 'heading');
      return;
    }
    case 'text':
      drawFreeLines(page, setParagraphs(block.paragraphs, CONTENT.width, { font: 'mincho', size: TYPE.body }, measure), TYPE.lineHeight, measure, paragraphTags(structure));
      return;
    case 'table':
      layoutTable(page, block.rows, block.repeatHeader, measure, structure);
      page.y += TYPE.lineHeight / 2;
      return;
    case 'image':
      layoutImage(page, block, options, structure);
      return;
    case 'figure-text': {
      // The transcribed diagram is its own text alternative: one figure whose content is the framed text.
      const figure = structure.figure(unmarked(block.paragraphs.map((p) => p.text).join('\n')));
      layoutTable(page, [{ cells: [{ paragraphs: block.paragraphs }] }], false, measure, structure, figure);
      page.y += TYPE.lineHeight / 2;
      return;
    }
  }
};

const stampOf = (stamp: string, measure: Measure, tag: number): Drawable => {
  const width = measure(stamp, 'mincho', TYPE.body);
  const x = CONTENT.x + CONTENT.width - width;
  const y = PAGE.marginTop / 2 - TYPE.body / 2;
  return { kind: 'text', text: stamp, x, y, font: 'mincho', size: TYPE.body, width, clip: { x: CONTENT.x, y: 0, width: CONTENT.width, height: PAGE.marginTop }, tag };
};

const pageNumber = (index: number, measure: Measure): Drawable => {
  // `- n -`: a bare number, so the footer never reads as part of the document's text.
  const text = `- ${index + 1} -`;
  const width = measure(text, 'mincho', TYPE.footer);
  const top = PAGE.height - PAGE.marginBottom / 2 - TYPE.footer / 2;
  return {
    kind: 'text',
    text,
    x: (PAGE.width - width) / 2,
    y: top,
    font: 'mincho',
    size: TYPE.footer,
    width,
    clip: { x: 0, y: CONTENT_BOTTOM, width: PAGE.width, height: PAGE.marginBottom },
    artifact: 'pagination',
  };
};

/** A redline's note, top left where the form prints nothing (the revision stamp is top right). */
const legendOf = (legend: string, measure: Measure): Drawable => {
  const width = measure(legend, 'gothic', TYPE.footer);
  const y = PAGE.marginTop / 2 - TYPE.footer / 2;
  return { kind: 'text', text: legend, x: CONTENT.x, y, font: 'gothic', size: TYPE.footer, width, clip: { x: CONTENT.x, y: 0, width: CONTENT.width, height: PAGE.marginTop }, artifact: 'pagination' };
};

/** The document laid out on A4 pages: pure, given text measurement and image sizes. */
export const layoutDocument = (doc: DocumentBlocks, options: LayoutOptions): DocTree => {
  const page = new PageBuilder();
  const structure = new StructureBuilder();
  if (doc.stamp) page.add(stampOf(doc.stamp, options.measure, structure.paragraph()));
  doc.blocks.forEach((_, index) => layoutBlock(page, doc.blocks, index, options, structure));
  const legend = options.legend === undefined ? [] : [legendOf(options.legend, options.measure)];
  const pages = addToPages(page.finish(), (index) => [pageNumber(index, options.measure), ...legend]);
  return { title: doc.title, author: doc.author, pageWidth: PAGE.width, pageHeight: PAGE.height, pages, structure: structure.root };
};
