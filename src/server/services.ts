/** What the routes work with: the data folder, the clock, the PDF assets. Routes only translate HTTP to workflows. */
import { imageFilesOf } from '../domain/diagram-files.js';
import type { Library } from '../store/index.js';
import type { Clock, PrintSource, Workflow } from '../workflows/index.js';
import type { RenderPool } from './render-pool.js';

export type Services = {
  readonly library: Library;
  readonly clock: Clock;
  /** The official PDF of a print source. */
  readonly renderPdf: (id: string, source: PrintSource) => Promise<Buffer>;
};

/** The use-case context of one assessment; INVALID_ID for an id that could leave the data folder. */
export const workflowOf = (services: Services, id: string): Workflow => ({
  store: services.library.assessment(id),
  clock: services.clock,
});

/**
 * The official PDF of one assessment, rendered by the worker pool; the diagrams are read here, through the
 * assessment's store, so a worker never opens a file the store has not checked.
 */
export const createPdfRenderer = (library: Library, templatesDir: string, pool: RenderPool): Services['renderPdf'] => {
  return async (id, { form, data, changeRows }) => {
    const images = await library.assessment(id).readImages(imageFilesOf(data));
    return pool.render({ form, data, changeRows, images: Object.fromEntries(images), templatesDir });
  };
};
