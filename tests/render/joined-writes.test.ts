import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { JoinedWritesDocument } from '../../src/render/pdf/joined-writes.js';

/**
 * A 2×2 RGB PNG: a compressed image stream among the objects, written as binary between text writes. (Without alpha:
 * pdfkit splits an alpha channel out asynchronously, and writes such images in whichever order that finishes.)
 */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/6GYAQAb8wL+EtSnGgAAAABJRU5ErkJggg==', 'base64');

type Doc = PDFKit.PDFDocument & { struct: (type: string, children: unknown[]) => PDFKit.PDFStructureElement; file: (src: Buffer, options: Record<string, unknown>) => void };

/** What the renderer asks of pdfkit: tagged pages of raw operators, marked content and artifacts, an image, a structure tree, bookmarks, an attachment. */
const build = async (Document: typeof PDFDocument, bigText: boolean): Promise<Buffer> => {
  const doc = new Document({
    autoFirstPage: false,
    compress: true,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'ja',
    displayTitle: true,
    info: { Title: '評価書（テスト）', CreationDate: new Date(Date.UTC(2025, 7, 19)) },
  }) as Doc;
  const cells: PDFKit.PDFStructureContent[] = [];
  for (let page = 0; page < 3; page += 1) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.addContent(`BT /F1 9 Tf 1 0 0 1 280 20 Tm (${page + 1}) Tj ET`);
    doc.endMarkedContent();
    for (let cell = 0; cell < 40; cell += 1) {
      cells.push(doc.markStructureContent('TD'));
      doc.addContent(`q 0 g BT 1 0 0 1 ${cell * 10} ${700 - cell} Tm (${bigText ? 'x'.repeat(5000) : 'cell'}) Tj ET Q`);
      doc.endMarkedContent();
    }
    doc.image(PNG, 50, 50, { width: 20, height: 20 });
    doc.outline.addItem(`Ⅰ-${page + 1}`);
  }
  doc.addStructure(doc.struct('Document', [doc.struct('Table', [doc.struct('TR', cells.map((cell) => doc.struct('TD', [cell])))])]));
  doc.file(Buffer.from('data: 非公表でない\n'), { name: 'source.yaml', type: 'application/yaml', creationDate: new Date(0), modifiedDate: new Date(0) });
  doc.end();
  const chunks: Buffer[] = [];
  for await (const chunk of doc as unknown as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

describe('JoinedWritesDocument', () => {
  it.each([
    ['small writes', false],
    ['writes larger than a chunk', true],
  ])('writes the same bytes as pdfkit writing each string on its own (%s)', async (_name, bigText) => {
    const joined = await build(JoinedWritesDocument, bigText);
    expect(joined.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(joined.equals(await build(PDFDocument, bigText))).toBe(true);
  });
});
