import { CONTENT_BOTTOM, TYPE } from '../../src/render/layout/geometry.js';
import type { DocTree, DocumentBlocks, Drawable } from '../../src/render/layout/types.js';

type Text = Extract<Drawable, { kind: 'text' }>;

/** Every heading of a block tree: heading blocks, and the rows that introduce others (keep and header rows). */
export const headingTexts = (doc: DocumentBlocks): string[] =>
  doc.blocks.flatMap((block) => {
    if (block.kind === 'heading') return [block.text];
    if (block.kind !== 'table') return [];
    return block.rows.filter((row) => row.keep || row.header).flatMap((row) => row.cells.flatMap((cell) => cell.paragraphs.map((p) => p.text)));
  });

/** Whether a drawn line of text belongs to one of the headings (a wrapped heading is drawn in pieces). */
export const isHeadingText = (headings: readonly string[]) => (text: Text): boolean =>
  [...text.text].length >= 2 && headings.some((heading) => heading.includes(text.text));

/**
 * Pages (1-based) that end with a heading: the lowest text on the page is a heading's and nothing is drawn under
 * that row: no row of content, not even an empty one. The last page is left out, and so is the footer.
 */
export const strandedHeadings = (tree: DocTree, isHeading: (text: Text) => boolean): { page: number; text: string }[] =>
  tree.pages.flatMap((page, index) => {
    if (index === tree.pages.length - 1) return [];
    const texts = page.items.filter((item): item is Text => item.kind === 'text' && item.y < CONTENT_BOTTOM);
    if (texts.length === 0) return [];
    const lowest = texts.reduce((a, b) => (b.y > a.y ? b : a));
    if (!isHeading(lowest)) return [];
    const rules = page.items.flatMap((item) => (item.kind === 'line' && item.y1 === item.y2 ? [item.y1] : []));
    // A heading row's own bottom rule lies within two lines of its text; a row under it lies further down.
    const bottom = Math.max(lowest.y, ...rules);
    return bottom < lowest.y + 2 * TYPE.lineHeight ? [{ page: index + 1, text: lowest.text }] : [];
  });
