import PDFDocument from 'pdfkit';
import type { DocTree, Drawable } from '../layout/types.js';
import type { FontSet } from './fonts.js';

export type PaintOptions = {
  readonly fonts: FontSet;
  readonly images: ReadonlyMap<string, Uint8Array>;
  /** Pinned so that the same assessment always gives the same bytes. */
  readonly creationDate: Date;
};

const RULE_WIDTH = 0.5;
const FILL = '#eeeeee';

const paintItem = (doc: PDFKit.PDFDocument, item: Drawable, options: PaintOptions): void => {
  switch (item.kind) {
    case 'fill':
      doc.rect(item.rect.x, item.rect.y, item.rect.width, item.rect.height).fill(FILL);
      doc.fillColor('black');
      return;
    case 'line':
      doc.moveTo(item.x1, item.y1).lineTo(item.x2, item.y2).stroke();
      return;
    case 'text':
      doc.font(item.font).fontSize(item.size).text(item.text, item.x, item.y, { lineBreak: false });
      return;
    case 'image': {
      const bytes = options.images.get(item.src);
      if (!bytes) throw new Error(`image ${item.src} was laid out but not supplied`);
      doc.image(Buffer.from(bytes), item.rect.x, item.rect.y, { width: item.rect.width, height: item.rect.height });
      return;
    }
  }
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
  for (const page of tree.pages) {
    doc.addPage({ size: [tree.pageWidth, tree.pageHeight], margin: 0 });
    doc.lineWidth(RULE_WIDTH).strokeColor('black').fillColor('black');
    for (const item of page.items) if (item.kind === 'fill') paintItem(doc, item, options);
    for (const item of page.items) if (item.kind !== 'fill') paintItem(doc, item, options);
  }
  doc.end();
  return doc;
};

/** Pixel size of an image as pdfkit reads it (PNG or JPEG), for the layout's scaling. */
export const imageSizeOf = (images: ReadonlyMap<string, Uint8Array>) => {
  const sizes = new Map<string, { width: number; height: number }>();
  return (src: string): { width: number; height: number } => {
    let size = sizes.get(src);
    if (!size) {
      const bytes = images.get(src);
      if (!bytes) throw new Error(`image ${src} is not supplied`);
      // openImage is public pdfkit API that its type declarations leave out.
      const probe = new PDFDocument({ autoFirstPage: false }) as unknown as { openImage: (data: Buffer) => { width: number; height: number } };
      const image = probe.openImage(Buffer.from(bytes));
      size = { width: image.width, height: image.height };
      sizes.set(src, size);
    }
    return size;
  };
};
