/** What the routes work with: the data folder, the clock, the PDF assets. Routes only translate HTTP to workflows. */
import { imageFilesOf } from '../domain/diagram-files.js';
import type { Library, SnippetStore } from '../store/index.js';
import type { Clock, PrintSource, PublicationTools, Workflow } from '../workflows/index.js';
import type { RenderPool } from './render-pool.js';

export type Services = {
  readonly library: Library;
  /** The standard-text library of the data folder (`<dataDir>/snippets/`). */
  readonly snippets: SnippetStore;
  readonly clock: Clock;
  /** The official PDF of a print source. */
  readonly renderPdf: (id: string, source: PrintSource) => Promise<Buffer>;
  /** The publication use cases' renderer (the worker pool) and PDF reader, with this server's templates. */
  readonly publicationTools: () => Promise<PublicationTools>;
};

/**
 * The publication tools of this server: their PDFs (公表版, 提出版, redline, bundle) are rendered by the worker pool
 * like every other PDF of the server, with the same renderer as `pia`, so the bytes are the same. The rest (the PDF
 * reader, the bundle YAML) loads on first use.
 */
export const createPublicationToolsLoader = (templatesDir: string, pool: RenderPool): Services['publicationTools'] => {
  let tools: Promise<PublicationTools> | undefined;
  return () =>
    (tools ??= import('../publishing.js').then(({ createPublicationTools }) => ({
      ...createPublicationTools(templatesDir),
      render: async ({ form, data, changeRows, images, ...options }) =>
        new Uint8Array(await pool.render({ form, data, changeRows, images: Object.fromEntries(images), templatesDir, options })),
    })));
};

/** The use-case context of one assessment; INVALID_ID for an id that could leave the data folder. */
export const workflowOf = (services: Services, id: string): Workflow => ({
  store: services.library.assessment(id),
  clock: services.clock,
  snippets: services.snippets,
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
