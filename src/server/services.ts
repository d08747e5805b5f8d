/** What the routes work with: the data folder, the clock, the PDF assets. Routes only translate HTTP to workflows. */
import type { Readable } from 'node:stream';
import type { RenderAssets } from '../render/index.js';
import { readFonts, readTemplates, type Library } from '../store/index.js';
import type { Clock, PrintSource, Workflow } from '../workflows/index.js';

export type Services = {
  readonly library: Library;
  readonly clock: Clock;
  /** The official PDF of a print source, as a stream. */
  readonly renderPdf: (id: string, source: PrintSource) => Promise<Readable>;
};

/** The use-case context of one assessment; INVALID_ID for an id that could leave the data folder. */
export const workflowOf = (services: Services, id: string): Workflow => ({
  store: services.library.assessment(id),
  clock: services.clock,
});

/** Parsing the BIZ UD fonts and compiling templates is the slow part of a PDF; every PDF of this server shares them. */
export const createPdfRenderer = (library: Library, templatesDir: string): Services['renderPdf'] => {
  let shared: Promise<Omit<RenderAssets, 'images'>> | undefined;
  const sharedAssets = (): Promise<Omit<RenderAssets, 'images'>> => {
    if (!shared) {
      shared = Promise.all([readFonts(), readTemplates(templatesDir)]).then(([fonts, templates]) => ({ fonts, templates }));
      // A failed read (a template folder being edited) must not stick: the next request tries again.
      shared.catch(() => (shared = undefined));
    }
    return shared;
  };
  return async (id, { form, data, changeRows }) => {
    // The renderer (pdfkit, fontkit, handlebars) loads on the first PDF, not at server start.
    const { imageFilesOf, renderPdfStream } = await import('../render/index.js');
    const images = await library.assessment(id).readImages(imageFilesOf(data));
    return renderPdfStream(form, data, { ...(await sharedAssets()), images }, { changeRows });
  };
};
