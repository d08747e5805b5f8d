import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { JoinedWritesDocument } from '../../src/render/pdf/joined-writes.js';
import { OrderedImagesDocument } from '../../src/render/pdf/ordered-images.js';
import { PNG_SIGNATURE, pngChunk, pngHeader } from '../../stress/hostile/png.js';

/** An RGBA PNG (colour type 6), which pdfkit decodes asynchronously to split out its alpha channel; `seed` varies its pixels. */
const rgbaPng = (width: number, height: number, seed: number): Buffer => {
  const row = 1 + width * 4;
  const pixels = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) pixels.set([(x * seed) & 255, (y * 7) & 255, (x ^ y) & 255, (x + y + seed) & 255], y * row + 1 + x * 4);
  }
  return Buffer.concat([PNG_SIGNATURE, pngHeader(width, height, 6), pngChunk('IDAT', deflateSync(pixels)), pngChunk('IEND', Buffer.alloc(0))]);
};

/** Images of one size, decoded side by side on the thread pool: which finishes first is a race. */
const IMAGES = [rgbaPng(200, 150, 3), rgbaPng(200, 150, 5), rgbaPng(200, 150, 11), rgbaPng(200, 150, 13), rgbaPng(200, 150, 17), rgbaPng(200, 150, 19)];

const render = async (Document: typeof JoinedWritesDocument): Promise<Buffer> => {
  const doc = new Document({ autoFirstPage: false, compress: true, info: { CreationDate: new Date(Date.UTC(2025, 7, 19)) } });
  doc.addPage({ size: 'A4', margin: 0 });
  IMAGES.forEach((png, index) => doc.image(png, 20, 20 + index * 150, { width: 120, height: 100 }));
  doc.end();
  const chunks: Buffer[] = [];
  for await (const part of doc as unknown as AsyncIterable<Buffer>) chunks.push(part);
  return Buffer.concat(chunks);
};

const distinctOutputs = async (Document: typeof JoinedWritesDocument, runs: number): Promise<number> => {
  const outputs = await Promise.all(Array.from({ length: runs }, () => render(Document)));
  return new Set(outputs.map((bytes) => bytes.toString('base64'))).size;
};

describe('images with an alpha channel', () => {
  it('give the same bytes on every render, whatever order their decodes finish in', async () => {
    expect(await distinctOutputs(OrderedImagesDocument, 12)).toBe(1);
  });

  it('(the control case) vary from render to render with pdfkit alone', async () => {
    // Renders started together race on the thread pool; with the decodes unordered, at least two differ.
    let distinct = 1;
    for (let attempt = 0; attempt < 10 && distinct === 1; attempt += 1) distinct = await distinctOutputs(JoinedWritesDocument, 12);
    expect(distinct).toBeGreaterThan(1);
  });
});
