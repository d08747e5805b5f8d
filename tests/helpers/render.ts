import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FormId } from '../../src/schema/index.js';
import type { RenderAssets } from '../../src/render/index.js';
import { renderPdfBuffer } from '../../src/render/index.js';
import { DEFAULT_TEMPLATES_DIR, readFonts, readTemplates } from '../../src/store/index.js';

let assets: Promise<RenderAssets> | undefined;

/** Fonts and templates of the repository, read once per test file. */
export const renderAssets = (): Promise<RenderAssets> => {
  assets ??= Promise.all([readFonts(), readTemplates(DEFAULT_TEMPLATES_DIR)]).then(([fonts, templates]) => ({ fonts, templates, images: new Map() }));
  return assets;
};

/** Text of a PDF as poppler's pdftotext extracts it, in reading order. */
export const pdfText = (pdf: Buffer, dir: string, name: string): string => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
};

export const pdfInfo = (pdf: Buffer, dir: string, name: string): string => {
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
};

export const renderToText = async (form: FormId, data: Record<string, unknown>, dir: string, name: string) => {
  const { pdf, pages } = await renderPdfBuffer(form, data, await renderAssets());
  return { pdf, pages, text: pdfText(pdf, dir, name) };
};

/** Whitespace removed and NFKC-normalised, as the fidelity measure compares text. */
export const squash = (text: string): string => text.normalize('NFKC').replace(/\s+/g, '');
