/** The official PDF of a draft or revision: fonts and templates read once per server, diagram images per request. */
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import { API_MESSAGES_JA, fillMessage } from '../messages.ja.js';
import type { RenderAssets } from '../render/index.js';
import { draftFile, readFonts, readImages, readTemplates } from '../store/index.js';
import type { PrintSource } from './revision-service.js';

export type RenderedPdf = { stream: Readable; title: string };
export type PdfService = { render: (source: PrintSource) => Promise<RenderedPdf> };

export const createPdfService = (dataDir: string, templatesDir: string): PdfService => {
  // Parsing the BIZ UD fonts and compiling templates is the slow part; every PDF of this server shares them.
  let shared: Promise<Omit<RenderAssets, 'images'>> | undefined;
  const sharedAssets = (): Promise<Omit<RenderAssets, 'images'>> => {
    if (!shared) {
      shared = Promise.all([readFonts(), readTemplates(templatesDir)]).then(([fonts, templates]) => ({
        fonts,
        templates,
      }));
      // A failed read (a template folder being edited) must not stick: the next request tries again.
      shared.catch(() => (shared = undefined));
    }
    return shared;
  };

  return {
    render: async ({ id, form, data, issues, changeRows }) => {
      if (!form) throw new AppError('UNKNOWN_FORM', fillMessage(API_MESSAGES_JA.unknownForm, { id }), { id });
      // The PDF is the official document: it is printed only from content the form's rules accept.
      if (issues.length > 0) {
        throw new AppError('ASSESSMENT_INVALID', fillMessage(API_MESSAGES_JA.pdfInvalid, { count: issues.length }), {
          issues,
        });
      }
      // The renderer (pdfkit, fontkit, handlebars) loads on the first PDF, not at server start.
      const { imageFilesOf, renderPdfStream } = await import('../render/index.js');
      const images = await readImages(draftFile(dataDir, id), imageFilesOf(data));
      const stream = renderPdfStream(form, data, { ...(await sharedAssets()), images }, { changeRows });
      const cover = data['cover'] as Record<string, unknown> | undefined;
      const title = typeof cover?.['title'] === 'string' && cover['title'].trim() !== '' ? cover['title'].trim() : id;
      return { stream, title };
    },
  };
};
